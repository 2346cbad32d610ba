package io.avnas.support.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
  private static final int T = 10;
  private static final int H = 4;
  private static final int W = 5;
  private static final int RATE = 1000;

  static Augmentations pipeline(String augment) {
    return Augmentations.from(new ConfigBlock("avnas.dataset", ConfigFactory.parseString("augment = " + augment)));
  }

  /** Frame t has red = t/10 + x/100, green 0.5, blue 0.2; the waveform is a ramp i/10000 (100 samples per frame). */
  static Clip clip(String key) {
    float[] frames = new float[T * 3 * H * W];
    for (int t = 0; t < T; t++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int i = y * W + x;
          frames[t * 3 * H * W + i] = t / 10f + x / 100f;
          frames[t * 3 * H * W + H * W + i] = 0.5f;
          frames[t * 3 * H * W + 2 * H * W + i] = 0.2f;
        }
      }
    }
    float[] wave = new float[T * 100];
    for (int i = 0; i < wave.length; i++) {
      wave[i] = i / 10_000f;
    }
    return new Clip(new ClipInfo(key, false, "A", false, false, "p", "t", null), frames, T, H, W, wave, RATE);
  }

  @Test
  void hflipMirrorsEveryRowAndTwiceIsIdentity() {
    Augmentations flip = pipeline("[{ op = hflip, p = 1 }]");
    Clip in = clip("a");
    Clip out = flip.apply(in, 1);
    assertEquals(in.frames()[W - 1], out.frames()[0]);
    assertEquals(0.04f, out.frames()[0], 1e-6);
    assertArrayEquals(in.frames(), flip.apply(out, 2).frames());
    assertSame(in, pipeline("[{ op = hflip, p = 0 }]").apply(in, 1));
  }

  @Test
  void temporalCropKeepsVideoAndAudioInSync() {
    Augmentations crop = pipeline("[{ op = temporal-crop, min-fraction = 0.5 }]");
    boolean shorter = false;
    for (long seed = 0; seed < 20; seed++) {
      Clip out = crop.apply(clip("a"), seed);
      int kept = out.frameCount();
      assertTrue(kept >= 5 && kept <= 10, "kept " + kept);
      int start = Math.round(out.frames()[0] * 10);
      assertEquals(kept * 100, out.waveform().length);
      assertEquals(start * 100 / 10_000f, out.waveform()[0], 1e-7, "audio starts with the first kept frame");
      shorter |= kept < 10;
    }
    assertTrue(shorter);
  }

  @Test
  void colourJitterScalesBrightnessUniformlyAndSaturationKeepsLuma() {
    Clip in = clip("a");
    Clip bright = pipeline("[{ op = colour-jitter, brightness = 0.5, contrast = 0, saturation = 0 }]").apply(in, 3);
    double factor = bright.frames()[H * W] / in.frames()[H * W];
    assertTrue(factor >= 0.5 && factor <= 1.5 && Math.abs(factor - 1) > 1e-3, "factor " + factor);
    for (int i = 0; i < in.frames().length; i++) {
      assertEquals(Math.min(1, in.frames()[i] * factor), bright.frames()[i], 1e-5);
    }
    Clip saturated = pipeline("[{ op = colour-jitter, brightness = 0, contrast = 0, saturation = 0.9 }]").apply(in, 4);
    int plane = H * W;
    for (int i : new int[] {0, 7, 3 * plane + 2}) {
      double lumaIn = 0.299 * in.frames()[i] + 0.587 * in.frames()[i + plane] + 0.114 * in.frames()[i + 2 * plane];
      double lumaOut = 0.299 * saturated.frames()[i] + 0.587 * saturated.frames()[i + plane] + 0.114 * saturated.frames()[i + 2 * plane];
      assertEquals(lumaIn, lumaOut, 1e-5);
    }
    assertNotEquals(in.frames()[0], saturated.frames()[0]);
  }

  @Test
  void noiseHasTheRequestedSignalToNoiseRatio() {
    float[] wave = new float[20_000];
    for (int i = 0; i < wave.length; i++) {
      wave[i] = (float) (0.3 * Math.sin(i * 0.01));
    }
    Clip in = new Clip(clip("a").info(), new float[3], 1, 1, 1, wave, 16_000);
    Clip out = pipeline("[{ op = noise, min-snr-db = 10, max-snr-db = 10 }]").apply(in, 5);
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < wave.length; i++) {
      signal += wave[i] * wave[i];
      double d = out.waveform()[i] - wave[i];
      noise += d * d;
    }
    // The noise power estimate from 20000 samples has a relative sd of sqrt(2/20000) = 1% (0.04 dB).
    assertEquals(10, 10 * Math.log10(signal / noise), 0.3);
    Clip silent = new Clip(in.info(), new float[3], 1, 1, 1, new float[100], 16_000);
    assertArrayEquals(new float[100], pipeline("[{ op = noise }]").apply(silent, 1).waveform());
  }

  @Test
  void gainMultipliesAndClamps() {
    Clip out = pipeline("[{ op = gain, min-db = 6, max-db = 6 }]").apply(clip("a"), 1);
    assertEquals(0.05f * 1.9952623f, out.waveform()[500], 1e-6);
    Clip loud = pipeline("[{ op = gain, min-db = 60, max-db = 60 }]").apply(clip("a"), 1);
    assertEquals(1f, loud.waveform()[999]);
  }

  @Test
  void timeShiftMovesTheAudioAndFillsWithSilence() {
    Augmentations shift = pipeline("[{ op = time-shift, max-seconds = 0.01 }]");
    boolean positive = false;
    boolean negative = false;
    for (long seed = 0; seed < 30; seed++) {
      float[] out = shift.apply(clip("a"), seed).waveform();
      int s = Math.round(out[500] * 10_000) - 500;
      s = -s;
      assertTrue(Math.abs(s) <= 10, "shift " + s);
      for (int i = 20; i < 980; i++) {
        assertEquals((i - s) / 10_000f, out[i], 1e-7);
      }
      if (s > 0) {
        assertEquals(0f, out[s - 1]);
        positive = true;
      } else if (s < 0) {
        assertEquals(0f, out[999]);
        negative = true;
      }
    }
    assertTrue(positive && negative, "both directions occur");
  }

  @Test
  void timeReversalReverses() {
    float[] out = pipeline("[{ op = time-reversal, p = 1 }]").apply(clip("a"), 1).waveform();
    assertEquals(999 / 10_000f, out[0], 1e-7);
    assertEquals(0f, out[999]);
  }

  @Test
  void seededAndDifferentPerClipAndSeed() {
    Augmentations gain = pipeline("[{ op = gain }]");
    assertArrayEquals(gain.apply(clip("a"), 1).waveform(), gain.apply(clip("a"), 1).waveform());
    assertFalse(Arrays.equals(gain.apply(clip("a"), 1).waveform(), gain.apply(clip("a"), 2).waveform()));
    assertFalse(Arrays.equals(gain.apply(clip("a"), 1).waveform(), gain.apply(clip("b"), 1).waveform()));
  }

  @Test
  void configErrorsNameTheElement() {
    assertEquals("avnas.dataset.augment[1].op",
        assertThrows(InvalidConfigException.class, () -> pipeline("[{ op = hflip }, { op = mixup }]")).key());
    assertEquals("avnas.dataset.augment[0].max",
        assertThrows(InvalidConfigException.class, () -> pipeline("[{ op = gain, max = 3 }]")).key());
    assertEquals("avnas.dataset.augment[0].min-db",
        assertThrows(InvalidConfigException.class, () -> pipeline("[{ op = gain, min-db = 3, max-db = 1 }]")).key());
    assertEquals("avnas.dataset.augment",
        assertThrows(InvalidConfigException.class, () -> pipeline("[hflip]")).key());
    assertEquals("[hflip(p=0.5), gain(p=1, min-db=-3, max-db=6)]",
        pipeline("[{ op = hflip }, { op = gain, min-db = -3 }]").toString());
    assertTrue(pipeline("[]").isEmpty());
  }
}
