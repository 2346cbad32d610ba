package io.avnas.support.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.support.media.PreprocessSpec;
import org.junit.jupiter.api.Test;

class SpectrogramPlanTest {
  private static final PreprocessSpec PAPER = new PreprocessSpec(8, 224, 16_000, 1.0, 25, 10, 512, -30, false, 64);

  @Test
  void pureTonePeaksAtItsBinInEveryFrame() {
    SpectrogramPlan plan = SpectrogramPlan.of(PAPER);
    int steps = PAPER.timeSteps();
    int bins = PAPER.nFft() / 2 + 1;
    for (double hz : new double[] {440, 1000, 3000, 5123, 7400}) {
      float[] magnitude = plan.magnitude(AudioOpsTest.tone(hz, PAPER.audioSamples(), 16_000, 0.5));
      long expected = Math.round(hz * PAPER.nFft() / 16_000);
      for (int t = 0; t < steps; t++) {
        int peak = 0;
        for (int f = 1; f < bins; f++) {
          if (magnitude[f * steps + t] > magnitude[peak * steps + t]) {
            peak = f;
          }
        }
        assertEquals(expected, peak, hz + " Hz, frame " + t);
      }
    }
  }

  @Test
  void magnitudeOfBinCentredToneMatchesTheWindowSum() {
    // A tone exactly on bin 32 with amplitude A has magnitude A/2 * sum(window) there.
    float[] magnitude = SpectrogramPlan.of(PAPER).magnitude(AudioOpsTest.tone(1000, PAPER.audioSamples(), 16_000, 0.5));
    double windowSum = 0;
    for (double w : SpectrogramPlan.periodicHann(400)) {
      windowSum += w;
    }
    assertEquals(0.25 * windowSum, magnitude[32 * PAPER.timeSteps()], 0.25 * windowSum * 1e-3);
  }

  @Test
  void fftMatchesADirectDft() {
    Fft fft = new Fft(16);
    double[] re = new double[16];
    double[] im = new double[16];
    for (int i = 0; i < 16; i++) {
      re[i] = Math.sin(i * 1.3) + 0.1 * i;
      im[i] = Math.cos(i * 0.7);
    }
    double[] re0 = re.clone();
    double[] im0 = im.clone();
    fft.transform(re, im);
    for (int k = 0; k < 16; k++) {
      double sr = 0;
      double si = 0;
      for (int n = 0; n < 16; n++) {
        double a = -2 * Math.PI * k * n / 16;
        sr += re0[n] * Math.cos(a) - im0[n] * Math.sin(a);
        si += re0[n] * Math.sin(a) + im0[n] * Math.cos(a);
      }
      assertEquals(sr, re[k], 1e-9);
      assertEquals(si, im[k], 1e-9);
    }
  }

  @Test
  void melFiltersCoverTheSpectrumAndPeakAtTheToneBand() {
    PreprocessSpec mel = new PreprocessSpec(8, 224, 16_000, 1.0, 25, 10, 512, -30, true, 40);
    SpectrogramPlan plan = SpectrogramPlan.of(mel);
    float[] logMel = plan.logMel(plan.magnitude(AudioOpsTest.tone(1000, mel.audioSamples(), 16_000, 0.5)));
    double[][] bank = SpectrogramPlan.melFilterBank(40, 512, 16_000);
    int expectedBand = 0;
    for (int m = 1; m < 40; m++) {
      if (bank[m][32] > bank[expectedBand][32]) {
        expectedBand = m;
      }
    }
    int steps = mel.timeSteps();
    int peak = 0;
    for (int m = 1; m < 40; m++) {
      if (logMel[m * steps] > logMel[peak * steps]) {
        peak = m;
      }
    }
    assertEquals(expectedBand, peak);
    assertTrue(SpectrogramPlan.melToHz(SpectrogramPlan.hzToMel(1234.5)) - 1234.5 < 1e-9);
  }
}
