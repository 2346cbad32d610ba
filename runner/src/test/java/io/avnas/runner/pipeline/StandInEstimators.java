package io.avnas.runner.pipeline;

import ai.djl.ndarray.NDArray;
import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Test-only estimators until the estimators branch is merged (softmax relaxation and straight-through
 * Gumbel-softmax), plus every {@link EstimatorFactory} ServiceLoader finds, so the same tests run
 * the real estimators once they are on the class path.
 */
final class StandInEstimators {
  private StandInEstimators() {}

  static Estimator softmax() {
    EstimatorSettings settings = new EstimatorSettings("test-softmax", 1.0, null, ForwardMode.SOFT, Map.of());
    return new Estimator() {
      @Override
      public EstimatorSettings settings() {
        return settings;
      }

      @Override
      public NDArray relax(NDArray logits, double tau) {
        return logits.softmax(-1);
      }
    };
  }

  /** w = s + stopgrad(D - s): the forward value is the one-hot D, the gradient flows through s. */
  static Estimator straightThroughGumbel(double tau) {
    EstimatorSettings settings = new EstimatorSettings("test-stgs", tau, null, ForwardMode.HARD, Map.of());
    return new Estimator() {
      @Override
      public EstimatorSettings settings() {
        return settings;
      }

      @Override
      public NDArray relax(NDArray logits, double t) {
        // float32 uniform draws can round to exactly 1, where -log(-log u) is infinite: keep U in (0, 1).
        NDArray u = logits.getManager().randomUniform(0f, 1f, logits.getShape()).clip(1e-10f, 1f - 1e-7f);
        NDArray perturbed = logits.add(u.log().neg().log().neg());
        NDArray hard = perturbed.argMax(-1).oneHot((int) logits.getShape().get(1));
        NDArray soft = perturbed.div(t).softmax(-1);
        return soft.add(hard.sub(soft).stopGradient());
      }
    };
  }

  /** The stand-ins, then one estimator per discovered factory (created from {@code block}). */
  static List<Estimator> all(ConfigBlock block) {
    List<Estimator> out = new ArrayList<>(List.of(softmax(), straightThroughGumbel(0.5)));
    for (EstimatorFactory factory : ServiceLoader.load(EstimatorFactory.class)) {
      out.add(factory.create(block));
    }
    return out;
  }
}
