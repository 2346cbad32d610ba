package io.avnas.support.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  static ConfigBlock preprocess(String overrides) {
    Config reference = ConfigFactory.parseResourcesAnySyntax("reference.conf");
    Config config = ConfigFactory.parseString(overrides).withFallback(reference).resolve();
    return new ConfigBlock("avnas.preprocess", config.getConfig("avnas.preprocess"));
  }

  static Clip clip(float[] frames, int t, int h, int w, float[] waveform) {
    ClipInfo info = new ClipInfo("k", false, "A", false, false, "id", "test", null);
    return new Clip(info, frames, t, h, w, waveform, 16_000);
  }

  @Test
  void referenceDefaultsAreThePaperSettings() {
    PreprocessSpec spec = PreprocessSpec.from(preprocess(""));
    assertEquals(new Shape(8, 3, 224, 224), spec.visualShape());
    // 4 s at 16 kHz = 64000 samples; windows of 400 every 160: 1 + (64000 - 400) / 160 = 398.
    assertEquals(new Shape(1, 257, 398), spec.audioShape());
    assertEquals(new Shape(1, 64, 398), PreprocessSpec.from(preprocess("avnas.preprocess.log-mel = true")).audioShape());
  }

  @Test
  void badValuesNameTheKey() {
    InvalidConfigException notPowerOfTwo = assertThrows(InvalidConfigException.class,
        () -> PreprocessSpec.from(preprocess("avnas.preprocess.n-fft = 500")));
    assertEquals("avnas.preprocess.n-fft", notPowerOfTwo.key());
    InvalidConfigException tooShort = assertThrows(InvalidConfigException.class,
        () -> PreprocessSpec.from(preprocess("avnas.preprocess.n-fft = 256")));
    assertTrue(tooShort.getMessage().contains("400 samples"), tooShort.getMessage());
    assertEquals("avnas.preprocess.frames",
        assertThrows(InvalidConfigException.class, () -> PreprocessSpec.from(preprocess("avnas.preprocess.frames = 0"))).key());
  }

  @Test
  void spectrogramLengthMatchesAudioShapeWhetherCroppedOrPadded() {
    for (String mel : new String[] {"false", "true"}) {
      PreprocessSpec spec = PreprocessSpec.from(preprocess("avnas.preprocess { audio-seconds = 1.0, log-mel = " + mel + " }"));
      Shape shape = spec.audioShape();
      for (int samples : new int[] {3000, 16_000, 40_000}) {
        float[] wave = new float[samples];
        for (int i = 0; i < samples; i++) {
          wave[i] = (float) (0.3 * Math.sin(i * 0.05) * Math.sin(i * 0.0007));
        }
        float[] input = Preprocessing.audioInput(clip(new float[3], 1, 1, 1, wave), spec);
        assertEquals(shape.size(), input.length, "log-mel " + mel + ", " + samples + " samples");
      }
    }
  }

  @Test
  void silenceGivesFiniteZeros() {
    for (String mel : new String[] {"false", "true"}) {
      PreprocessSpec spec = PreprocessSpec.from(preprocess("avnas.preprocess { audio-seconds = 1.0, log-mel = " + mel + " }"));
      float[] input = Preprocessing.audioInput(clip(new float[3], 1, 1, 1, new float[16_000]), spec);
      for (float v : input) {
        assertTrue(Float.isFinite(v));
        assertEquals(0f, v);
      }
    }
  }

  @Test
  void perBinNormalisationGivesZeroMeanUnitDeviation() {
    PreprocessSpec spec = PreprocessSpec.from(preprocess("avnas.preprocess.audio-seconds = 1.0"));
    float[] wave = new float[16_000];
    for (int i = 0; i < wave.length; i++) {
      // An amplitude-modulated tone: bin 32 varies over time, so it normalises to mean 0, std ~1.
      wave[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16_000) * (1.2 + Math.sin(2 * Math.PI * 3 * i / 16_000)));
    }
    float[] input = Preprocessing.audioInput(clip(new float[3], 1, 1, 1, wave), spec);
    int steps = spec.timeSteps();
    double sum = 0;
    double squares = 0;
    for (int t = 0; t < steps; t++) {
      sum += input[32 * steps + t];
      squares += input[32 * steps + t] * input[32 * steps + t];
    }
    assertEquals(0, sum / steps, 1e-4);
    // The epsilon (1e-5) is negligible against a standard deviation of order 1 at -30 dBFS.
    assertEquals(1, Math.sqrt(squares / steps), 1e-3);
  }

  @Test
  void constantImageStaysConstantAfterResize() {
    int t = 3;
    int h = 17;
    int w = 23;
    float[] frames = new float[t * 3 * h * w];
    float[] colour = {0.2f, 0.5f, 0.9f};
    for (int i = 0; i < frames.length; i++) {
      frames[i] = colour[(i / (h * w)) % 3];
    }
    PreprocessSpec spec = PreprocessSpec.from(preprocess("avnas.preprocess { frames = 2, image-size = 32 }"));
    float[] input = Preprocessing.visualInput(clip(frames, t, h, w, new float[16_000]), spec);
    assertEquals(spec.visualShape().size(), input.length);
    for (int i = 0; i < input.length; i++) {
      int c = (i / (32 * 32)) % 3;
      assertEquals((colour[c] - MEAN[c]) / STD[c], input[i], 1e-5);
    }
  }

  @Test
  void visualInputTakesTheUniformlySampledFrames() {
    int t = 10;
    float[] frames = new float[t * 3 * 4 * 4];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = (i / (3 * 16)) / 10f;
    }
    PreprocessSpec spec = PreprocessSpec.from(preprocess("avnas.preprocess { frames = 4, image-size = 8 }"));
    float[] input = Preprocessing.visualInput(clip(frames, t, 4, 4, new float[16_000]), spec);
    int[] expected = {1, 3, 6, 8};
    for (int k = 0; k < 4; k++) {
      float red = input[k * 3 * 64];
      assertEquals((expected[k] / 10f - MEAN[0]) / STD[0], red, 1e-5, "frame " + k);
    }
  }
}
