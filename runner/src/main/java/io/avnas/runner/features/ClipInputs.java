package io.avnas.runner.features;

import io.avnas.api.data.Clip;
import io.avnas.support.media.PreprocessSpec;
import io.avnas.support.media.Preprocessing;

/** Turns a decoded clip into the two backbone inputs. Called from several threads at once. */
@FunctionalInterface
public interface ClipInputs {

  /** Both inputs of one clip, row-major with the backbones' per-clip shapes. */
  record Prepared(float[] visual, float[] audio) {}

  Prepared prepare(Clip clip);

  /** The shared preprocessing of {@code avnas.preprocess}: what every production path uses. */
  static ClipInputs of(PreprocessSpec spec) {
    return clip -> new Prepared(Preprocessing.visualInput(clip, spec), Preprocessing.audioInput(clip, spec));
  }
}
