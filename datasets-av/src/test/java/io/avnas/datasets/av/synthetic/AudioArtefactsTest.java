package io.avnas.datasets.av.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AudioArtefactsTest {
  private static final int RATE = SyntheticSettings.SAMPLE_RATE;

  private static double[] tone(double hz) {
    double[] x = new double[RATE];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * hz * i / RATE);
    }
    return x;
  }

  /** RMS away from the first and last 25 ms, where the 401-tap filter sees zeros. */
  private static double innerRms(double[] x) {
    double sum = 0;
    for (int i = 400; i < x.length - 400; i++) {
      sum += x[i] * x[i];
    }
    return Math.sqrt(sum / (x.length - 800));
  }

  @Test
  void firBandPassKeepsTheBandAndRejectsTheRest() {
    double[] taps = AudioArtefacts.bandpassTaps(1000, 2000, RATE);
    // In band: a sine keeps its RMS 1/sqrt(2) within 1%; 300 Hz outside either edge it drops
    // below 1% (the Hann-windowed 401-tap sinc has ~130 Hz transitions and > 40 dB stop band).
    assertEquals(1 / Math.sqrt(2), innerRms(AudioArtefacts.filter(tone(1500), taps)), 0.01);
    assertTrue(innerRms(AudioArtefacts.filter(tone(700), taps)) < 0.01);
    assertTrue(innerRms(AudioArtefacts.filter(tone(2300), taps)) < 0.01);
  }

  @Test
  void vocoderCombAddsEnergyOnlyInTheHighBand() {
    float[] speechLike = new float[RATE];
    for (int i = 0; i < speechLike.length; i++) {
      speechLike[i] = (float) (0.3 * Math.sin(2 * Math.PI * 500 * i / RATE) * Math.max(0, Math.sin(2 * Math.PI * 3 * i / RATE)));
    }
    float[] fake = AudioArtefacts.vocoderComb(speechLike, 1.0, new SplittableRandom(1));
    double[] added = new double[RATE];
    for (int i = 0; i < RATE; i++) {
      added[i] = fake[i] - speechLike[i];
    }
    double total = innerRms(added);
    double high = innerRms(AudioArtefacts.filter(added, AudioArtefacts.bandpassTaps(3300, 7200, RATE)));
    // At strength 1 the added band is 0.3 of the signal RMS, and (nearly) all of it lies in 3.5-7 kHz.
    assertEquals(0.3 * AudioArtefacts.rms(speechLike), total, 0.05 * total);
    assertEquals(total, high, 0.05 * total);
  }
}
