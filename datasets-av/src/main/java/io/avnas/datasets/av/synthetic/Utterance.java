package io.avnas.datasets.av.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What is said: a sequence of syllables with pauses. The speech envelope drives both the loudness of
 * the voice and the opening of the mouth, which is the cross-modal cue a lip-sync fake breaks.
 *
 * @param syllables in time order, not overlapping
 */
record Utterance(List<Syllable> syllables) {

  /**
   * One syllable: a raised-cosine loudness bump with a vowel and a pitch factor.
   *
   * @param start seconds
   * @param duration seconds
   * @param amplitude peak of the envelope, in (0, 1]
   * @param vowel index into {@link Voice#VOWELS}
   * @param pitch factor on the speaker's f0
   */
  record Syllable(double start, double duration, double amplitude, int vowel, double pitch) {}

  static Utterance random(SplittableRandom r, double seconds) {
    List<Syllable> syllables = new ArrayList<>();
    double t = Streams.uniform(r, 0.02, 0.15);
    while (t < seconds) {
      double duration = Streams.uniform(r, 0.12, 0.28);
      syllables.add(new Syllable(t, duration, Streams.uniform(r, 0.6, 1.0), r.nextInt(Voice.VOWELS.length), Streams.uniform(r, 0.9, 1.1)));
      t += duration + Streams.uniform(r, 0.06, 0.25);
    }
    return new Utterance(List.copyOf(syllables));
  }

  /** The envelope at time {@code t} (seconds), in [0, 1]. */
  double envelope(double t) {
    for (Syllable s : syllables) {
      if (t >= s.start() && t < s.start() + s.duration()) {
        double phase = Math.sin(Math.PI * (t - s.start()) / s.duration());
        return s.amplitude() * phase * phase;
      }
      if (s.start() > t) {
        break;
      }
    }
    return 0;
  }

  /** The syllable sounding at time {@code t}, or the last one before it (its vowel and pitch carry on). */
  Syllable at(double t) {
    Syllable current = syllables.isEmpty() ? new Syllable(0, 1, 0, 0, 1) : syllables.get(0);
    for (Syllable s : syllables) {
      if (s.start() > t) {
        break;
      }
      current = s;
    }
    return current;
  }
}
