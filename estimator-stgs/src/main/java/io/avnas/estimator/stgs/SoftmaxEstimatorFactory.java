package io.avnas.estimator.stgs;

import ai.djl.ndarray.NDArray;
import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.EstimatorOptions;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import java.util.Map;

/**
 * {@code softmax}: the deterministic relaxation of BM-NAS and DARTS, {@code w = softmax(theta)}.
 * Every op is mixed in the forward pass and the gradient is exact. It has no noise, so {@code tau}
 * and {@code forward} do not apply: its settings record {@code forward = soft} and {@code K = null}.
 */
public final class SoftmaxEstimatorFactory implements EstimatorFactory {
  /** The id a config selects this estimator by. */
  public static final String ID = "softmax";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Deterministic softmax relaxation (BM-NAS/DARTS): mixes every op, exact gradient";
  }

  @Override
  public void validate(ConfigBlock block) {
    // Not used by softmax, but shared keys are checked by every estimator, so a typo fails the same
    // way whichever estimator is selected.
    EstimatorOptions.tau(block);
    EstimatorOptions.forward(block);
  }

  @Override
  public Estimator create(ConfigBlock block) {
    validate(block);
    return new SoftmaxEstimator(new EstimatorSettings(ID, EstimatorOptions.tau(block), null, ForwardMode.SOFT, Map.of()));
  }

  /** softmax over each row; {@code tau} is ignored, as in BM-NAS. */
  private record SoftmaxEstimator(EstimatorSettings settings) implements Estimator {
    @Override
    public NDArray relax(NDArray logits, double tau) {
      return logits.softmax(-1);
    }
  }
}
