package io.avnas.estimator.stgs;

import ai.djl.ndarray.NDArray;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.EstimatorOptions;
import io.avnas.support.estimator.Relaxations;
import io.avnas.support.tensor.Scalars;

/**
 * {@code stgs}: straight-through Gumbel-softmax.
 *
 * <ol>
 *   <li>Draw {@code G = -log(-log U)} once per entry of the table.
 *   <li>Take the hard sample {@code D = onehot(argmax(theta + G))} and the relaxed one {@code s =
 *       softmax((theta + G) / tau)}, from the same noise.
 *   <li>{@code forward = hard}: {@code w = s + stopGradient(D - s)}, so the forward value is exactly
 *       D and the gradient flows through s. {@code forward = soft}: {@code w = s}.
 * </ol>
 */
public final class StgsEstimatorFactory extends SharedKeysEstimatorFactory {
  /** The id a config selects this estimator by. */
  public static final String ID = "stgs";

  /** The estimator runs with the configured {@code forward}. */
  public StgsEstimatorFactory() {
    super(ID, "Straight-through Gumbel-softmax: one-hot sample forward, relaxed-sample gradient", EstimatorOptions::forward,
        Stgs::new);
  }

  /** The estimator; stateless apart from its settings (tau comes with each call). */
  private record Stgs(EstimatorSettings settings) implements Estimator {
    @Override
    public NDArray relax(NDArray logits, double tau) {
      EstimatorOptions.checkTau(tau);
      NDArray perturbed = logits.add(Relaxations.gumbel(logits.getManager(), logits.getShape(), logits.getDataType()));
      NDArray soft = perturbed.div(Scalars.like(perturbed, tau)).softmax(-1);
      if (settings.forward() == ForwardMode.SOFT) {
        return soft;
      }
      return Relaxations.straightThrough(Relaxations.oneHotArgMax(perturbed.stopGradient()), soft);
    }
  }
}
