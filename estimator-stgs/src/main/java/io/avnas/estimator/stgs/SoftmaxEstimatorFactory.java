package io.avnas.estimator.stgs;

import ai.djl.ndarray.NDArray;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;

/**
 * {@code softmax}: the deterministic relaxation of BM-NAS and DARTS, {@code w = softmax(theta)}.
 * Every op is mixed in the forward pass and the gradient is exact. It has no noise, so {@code tau}
 * and {@code forward} do not apply: its settings record {@code forward = soft} and {@code K = null}.
 */
public final class SoftmaxEstimatorFactory extends SharedKeysEstimatorFactory {
  /** The id a config selects this estimator by. */
  public static final String ID = "softmax";

  /**
   * Always {@code forward = soft}: softmax mixes every op. {@code forward} (and {@code tau}) are not
   * used, but the shared keys are still checked, so a typo fails the same way whichever estimator is
   * selected.
   */
  public SoftmaxEstimatorFactory() {
    super(ID, "Deterministic softmax relaxation (BM-NAS/DARTS): mixes every op, exact gradient", block -> ForwardMode.SOFT,
        SoftmaxEstimator::new);
  }

  /** softmax over each row; {@code tau} is ignored, as in BM-NAS. */
  private record SoftmaxEstimator(EstimatorSettings settings) implements Estimator {
    @Override
    public NDArray relax(NDArray logits, double tau) {
      return logits.softmax(-1);
    }
  }
}
