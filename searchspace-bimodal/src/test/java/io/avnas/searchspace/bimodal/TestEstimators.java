package io.avnas.searchspace.bimodal;

import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.estimator.stgs.SoftmaxEstimatorFactory;
import io.avnas.estimator.stgs.StgsEstimatorFactory;
import java.util.List;
import java.util.Map;

/**
 * The real softmax and straight-through Gumbel-softmax estimators of estimator-stgs (a test
 * dependency), so these tests run the search space with the code a search runs, not with copies.
 */
final class TestEstimators {
  private TestEstimators() {}

  /** softmax, settings tau 1.0 and forward soft. */
  static Estimator softmax() {
    return new SoftmaxEstimatorFactory().create(block(1.0, "soft"));
  }

  /** stgs with a hard forward: the forward value is the one-hot D, the gradient flows through the relaxed sample. */
  static Estimator straightThroughGumbel(double tau) {
    return new StgsEstimatorFactory().create(block(tau, "hard"));
  }

  static List<Estimator> all() {
    return List.of(softmax(), straightThroughGumbel(0.5));
  }

  private static ConfigBlock block(double tau, String forward) {
    return new ConfigBlock("avnas.estimator", ConfigFactory.parseMap(Map.of("id", "test", "tau", tau, "forward", forward)));
  }
}
