package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, index, purpose). A clip draws its utterance, its noise,
 * its rendering and its artefacts from separate streams, so that, for example, a lip-sync clip can
 * reuse exactly the clean audio of its donor clip.
 */
final class Streams {
  static final long UTTERANCE = 1;
  static final long AUDIO_NOISE = 2;
  static final long VIDEO = 3;
  static final long ARTEFACT = 4;
  static final long IDENTITY = 5;
  static final long PLAN = 6;

  private Streams() {}

  static SplittableRandom of(long seed, long index, long purpose) {
    return new SplittableRandom(mix64(mix64(mix64(seed) + index) + purpose * 0x9E3779B97F4A7C15L));
  }

  /** The finaliser of SplitMix64: a bijection that spreads nearby inputs over all 64 bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double uniform(SplittableRandom random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }
}
