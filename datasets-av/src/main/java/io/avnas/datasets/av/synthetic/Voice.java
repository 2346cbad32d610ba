package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * A small source-filter speech synthesiser: a glottal pulse train at the speaker's pitch (with
 * intonation and vibrato) plus breath noise, shaped by three formant resonators that change with
 * each syllable's vowel, scaled by the speech envelope, with background noise at a given SNR.
 */
final class Voice {
  /** F1, F2, F3 (Hz) of /a/, /i/, /u/, /e/, /o/. */
  static final double[][] VOWELS = {{730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {570, 840, 2410}};
  private static final double[] BANDWIDTHS = {90, 110, 150};
  /** RMS of the speech while it sounds; loudness normalisation rescales it anyway. */
  private static final double SPEECH_RMS = 0.1;

  private Voice() {}

  /** The clean recording: speech plus background noise. Depends only on its arguments. */
  static float[] speak(Identity identity, Utterance utterance, int samples, double snrDb, SplittableRandom noise) {
    int rate = SyntheticSettings.SAMPLE_RATE;
    double[] speech = new double[samples];
    double vibratoRate = 5 + noise.nextDouble();
    double phase = 0;
    double glottal = 0;
    double previousSource = 0;
    double highpassed = 0;
    double previousOutput = 0;
    double[][] state = new double[3][2];
    double[][] coefficients = new double[3][3];
    Utterance.Syllable current = null;
    double voicedEnergy = 0;
    int voicedSamples = 0;
    for (int n = 0; n < samples; n++) {
      double t = (double) n / rate;
      Utterance.Syllable syllable = utterance.at(t);
      if (syllable != current) {
        current = syllable;
        for (int k = 0; k < 3; k++) {
          resonator(VOWELS[syllable.vowel()][k] * identity.formantScale(), BANDWIDTHS[k], rate, coefficients[k]);
        }
      }
      double f0 = identity.f0() * syllable.pitch() * (1 + 0.03 * Math.sin(2 * Math.PI * vibratoRate * t));
      phase += f0 / rate;
      double pulse = 0;
      if (phase >= 1) {
        phase -= 1;
        pulse = 1;
      }
      // Glottal low-pass (spectral tilt), then a DC-blocking high-pass, plus breath noise.
      glottal = pulse + identity.tilt() * glottal;
      highpassed = glottal - previousSource + 0.995 * highpassed;
      previousSource = glottal;
      double x = highpassed + identity.breath() * noise.nextGaussian();
      for (int k = 0; k < 3; k++) {
        double y = coefficients[k][0] * x + coefficients[k][1] * state[k][0] + coefficients[k][2] * state[k][1];
        state[k][1] = state[k][0];
        state[k][0] = y;
        x = y;
      }
      // Pre-emphasis (+6 dB/octave): the cascade falls steeply above F1; this keeps F2, F3 and the
      // harmonics up to 4-5 kHz above the noise floor, as in real speech recordings.
      double emphasised = x - 0.9 * previousOutput;
      previousOutput = x;
      double envelope = utterance.envelope(t);
      speech[n] = emphasised * envelope;
      if (envelope > 0.1) {
        voicedEnergy += speech[n] * speech[n];
        voicedSamples++;
      }
    }
    double scale = voicedSamples == 0 ? 0 : SPEECH_RMS / Math.sqrt(voicedEnergy / voicedSamples);
    double noiseRms = SPEECH_RMS * Math.pow(10, -snrDb / 20);
    float[] out = new float[samples];
    for (int n = 0; n < samples; n++) {
      out[n] = clamp(speech[n] * scale + noiseRms * noise.nextGaussian());
    }
    return out;
  }

  /** Klatt's two-pole resonator with unit gain at DC: y = a x + b y1 + c y2. */
  static void resonator(double frequency, double bandwidth, int rate, double[] abc) {
    double r = Math.exp(-Math.PI * bandwidth / rate);
    double c = -r * r;
    double b = 2 * r * Math.cos(2 * Math.PI * frequency / rate);
    abc[0] = 1 - b - c;
    abc[1] = b;
    abc[2] = c;
  }

  static float clamp(double v) {
    return (float) Math.max(-1, Math.min(1, v));
  }
}
