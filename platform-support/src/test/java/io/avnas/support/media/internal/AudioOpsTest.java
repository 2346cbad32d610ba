package io.avnas.support.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioOpsTest {

  /** A sine of {@code hz} at {@code rate}. */
  static float[] tone(double hz, int samples, int rate, double amplitude) {
    float[] x = new float[samples];
    for (int i = 0; i < samples; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  @Test
  void loudnessNormalisationHitsTheTarget() {
    float[] x = tone(300, 8000, 16_000, 0.8);
    for (int i = 0; i < x.length; i += 7) {
      x[i] += 0.05f;
    }
    AudioOps.normaliseLoudness(x, -30);
    assertEquals(-30.0, AudioOps.rmsDbfs(x, 0, x.length), 1e-4);
  }

  @Test
  void silenceStaysSilence() {
    float[] x = new float[1000];
    AudioOps.normaliseLoudness(x, -30);
    for (float v : x) {
      assertEquals(0f, v);
    }
  }

  @Test
  void paddingDoesNotCountTowardsLoudness() {
    // Half a second of a tone, padded to one second: the tone itself is at -30 dBFS, the rest is zeros.
    float[] prepared = AudioOps.prepare(tone(440, 8000, 16_000, 0.3), 16_000, 16_000, 16_000, -30);
    assertEquals(16_000, prepared.length);
    assertEquals(-30.0, AudioOps.rmsDbfs(prepared, 0, 8000), 1e-4);
    assertEquals(0.0, AudioOps.rms(prepared, 8000, 16_000));
  }

  @Test
  void croppingKeepsTheStart() {
    float[] x = new float[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < 16_000 ? 0.1f : 0.9f;
    }
    float[] prepared = AudioOps.prepare(x, 16_000, 16_000, 16_000, -20);
    assertEquals(16_000, prepared.length);
    assertEquals(0.1f, prepared[0], 1e-6);
  }

  @Test
  void resamplingKeepsInBandTonesAndRemovesWhatWouldAlias() {
    float[] in = tone(1000, 44_100, 44_100, 0.5);
    float[] out = AudioOps.resample(in, 44_100, 16_000);
    assertEquals(16_000, out.length);
    // Away from the edges (where the kernel is truncated) a 1 kHz tone keeps its RMS 0.5/sqrt(2).
    assertEquals(0.5 / Math.sqrt(2), AudioOps.rms(out, 100, 15_900), 0.01);
    // A 10 kHz tone is above the new 8 kHz Nyquist: it must be filtered out, not folded to 6 kHz.
    float[] high = AudioOps.resample(tone(10_000, 44_100, 44_100, 0.5), 44_100, 16_000);
    assertTrue(AudioOps.rms(high, 100, 15_900) < 0.02, "aliased energy " + AudioOps.rms(high, 100, 15_900));
  }
}
