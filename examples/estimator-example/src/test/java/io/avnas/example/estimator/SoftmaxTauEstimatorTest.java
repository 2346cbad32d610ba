package io.avnas.example.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.config.PluginReference;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SoftmaxTauEstimatorTest {
  /** float32 softmax of values of order 1: a few ulps of 1.0 (~6e-8 each) are the only error. */
  private static final float EPS = 1e-6f;

  private static Estimator estimator(String tau) {
    return new SoftmaxTauFactory().create(block("tau = " + tau));
  }

  private static ConfigBlock block(String hocon) {
    return new ConfigBlock("avnas.estimator", ConfigFactory.parseString(hocon));
  }

  @Test
  void relaxIsTemperedSoftmaxOfEachRow() {
    Estimator estimator = estimator("1.0");
    try (NDManager manager = NDManager.newBaseManager()) {
      // Row 0: exp(theta) = 1, 2, 3. Row 1: a shifted copy, which softmax must ignore.
      NDArray logits = manager.create(new float[] {0f, (float) Math.log(2), (float) Math.log(3),
          5f, 5f + (float) Math.log(2), 5f + (float) Math.log(3)}, new Shape(2, 3));
      float[] tau1 = estimator.relax(logits, 1.0).toFloatArray();
      assertArrayEquals(new float[] {1f / 6, 2f / 6, 3f / 6, 1f / 6, 2f / 6, 3f / 6}, tau1, EPS);
      // tau = 0.5 squares the odds: 1, 4, 9 over 14.
      float[] tauHalf = estimator.relax(logits, 0.5).toFloatArray();
      assertArrayEquals(new float[] {1f / 14, 4f / 14, 9f / 14, 1f / 14, 4f / 14, 9f / 14}, tauHalf, EPS);
      // tau = 2 takes square roots: 1, sqrt 2, sqrt 3 over their sum.
      float sum = (float) (1 + Math.sqrt(2) + Math.sqrt(3));
      float[] tau2 = estimator.relax(logits, 2.0).get(0).toFloatArray();
      assertArrayEquals(new float[] {1f / sum, (float) Math.sqrt(2) / sum, (float) Math.sqrt(3) / sum}, tau2, EPS);
    }
  }

  @Test
  void gradientIsTheSoftmaxJacobianOverTau() {
    Estimator estimator = estimator("0.5");
    double tau = 0.5;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = manager.create(new float[] {0.3f, -1.2f, 0.8f, 0.1f});
      logits.setRequiresGradient(true);
      float[] y;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray weights = estimator.relax(logits, tau);
        y = weights.toFloatArray();
        collector.backward(weights.get(2));
      }
      float[] grad = logits.getGradient().toFloatArray();
      // d y_2 / d theta_j = y_2 (delta_2j - y_j) / tau.
      for (int j = 0; j < 4; j++) {
        double expected = y[2] * ((j == 2 ? 1 : 0) - y[j]) / tau;
        assertEquals(expected, grad[j], EPS, "d y_2 / d theta_" + j);
      }
    }
  }

  @Test
  void settingsRecordWhatWasConfigured() {
    Estimator estimator = estimator("0.25");
    assertEquals("softmax-tau", estimator.settings().id());
    assertEquals(0.25, estimator.settings().tau());
    assertEquals(Map.of(), estimator.settings().options(), "no Monte Carlo samples, no options of its own");
    assertEquals(ForwardMode.SOFT, estimator.settings().forward());
    assertTrue(!estimator.oneHotForward());
  }

  @Test
  void validateRejectsANonPositiveTauNamingTheKey() {
    SoftmaxTauFactory factory = new SoftmaxTauFactory();
    InvalidConfigException zero = assertThrows(InvalidConfigException.class, () -> factory.validate(block("tau = 0")));
    assertEquals("avnas.estimator.tau", zero.key());
    assertTrue(zero.getMessage().contains("0.0") && zero.getMessage().contains("[0.001,"), zero.getMessage());
    InvalidConfigException text = assertThrows(InvalidConfigException.class, () -> factory.validate(block("tau = warm")));
    assertTrue(text.getMessage().contains("\"warm\""), text.getMessage());
  }

  @Test
  void isDiscoveredThroughServiceLoader() {
    boolean found = ServiceLoader.load(EstimatorFactory.class).stream()
        .anyMatch(p -> p.get().id().equals("softmax-tau"));
    assertTrue(found, "META-INF/services must register SoftmaxTauFactory");
  }

  @Test
  void referenceConfDeclaresTheDefaultTau() {
    // The plugin's own file, above the merged references, as the runner and the contract kit layer it.
    ConfigBlock reference = new ConfigBlock("avnas.estimator", PluginReference.block(SoftmaxTauFactory.class, "avnas.estimator")
        .withFallback(ConfigFactory.defaultReference()).getConfig("avnas.estimator"));
    assertEquals(1.0, new SoftmaxTauFactory().create(reference).settings().tau());
  }
}
