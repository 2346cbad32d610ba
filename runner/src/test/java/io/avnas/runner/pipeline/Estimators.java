package io.avnas.runner.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The real estimator plugins, found the way the runner finds them (ServiceLoader on the test class path). */
final class Estimators {
  private Estimators() {}

  /** The estimator with {@code id}, created from the reference defaults with {@code tau} overridden. */
  static Estimator create(String id, double tau) {
    Config block = ConfigFactory.parseMap(Map.of("tau", tau))
        .withFallback(ConfigFactory.load().getConfig("avnas.estimator"));
    for (EstimatorFactory factory : ServiceLoader.load(EstimatorFactory.class)) {
      if (factory.id().equals(id)) {
        return factory.create(new ConfigBlock("avnas.estimator", block));
      }
    }
    throw new IllegalStateException("no estimator plugin '" + id + "' on the test class path");
  }

  /** One estimator per discovered factory, created from {@code block}. */
  static List<Estimator> all(ConfigBlock block) {
    List<Estimator> out = new ArrayList<>();
    for (EstimatorFactory factory : ServiceLoader.load(EstimatorFactory.class)) {
      out.add(factory.create(block));
    }
    if (out.size() < 3) {
      throw new IllegalStateException("expected softmax, stgs and grmc on the test class path, found " + out.size());
    }
    return out;
  }
}
