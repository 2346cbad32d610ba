package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * A person's consistent traits: how the face looks and how the voice sounds. Every clip of an
 * identity shares them, so an identity-disjoint split tests generalisation to new people.
 *
 * @param skin face colour (RGB)
 * @param lips lip colour (RGB)
 * @param background backdrop colour (RGB)
 * @param faceWidth face half-width as a fraction of the frame width
 * @param faceHeight face half-height as a fraction of the frame height
 * @param f0 fundamental frequency of the voice (Hz)
 * @param tilt pole of the glottal low-pass (larger: darker voice)
 * @param formantScale vocal tract scaling of all formants
 * @param breath aspiration noise level
 */
record Identity(
    double[] skin, double[] lips, double[] background, double faceWidth, double faceHeight,
    double f0, double tilt, double formantScale, double breath) {

  static Identity of(long seed, int index) {
    SplittableRandom r = Streams.of(seed, index, Streams.IDENTITY);
    double tone = Streams.uniform(r, 0.35, 0.85);
    double[] skin = {Math.min(1, tone + 0.1), tone * 0.8 + 0.05, tone * 0.65};
    double[] lips = {Streams.uniform(r, 0.55, 0.8), Streams.uniform(r, 0.2, 0.35), Streams.uniform(r, 0.25, 0.4)};
    double[] background = {Streams.uniform(r, 0.1, 0.9), Streams.uniform(r, 0.1, 0.9), Streams.uniform(r, 0.1, 0.9)};
    return new Identity(skin, lips, background,
        Streams.uniform(r, 0.26, 0.34), Streams.uniform(r, 0.34, 0.42),
        Streams.uniform(r, 90, 240), Streams.uniform(r, 0.88, 0.97), Streams.uniform(r, 0.9, 1.15), Streams.uniform(r, 0.02, 0.1));
  }
}
