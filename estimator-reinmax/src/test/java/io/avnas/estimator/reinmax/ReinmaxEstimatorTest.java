package io.avnas.estimator.reinmax;

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
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.config.PluginReference;
import io.avnas.support.estimator.Relaxations;
import io.avnas.testkit.ReferenceGradient;
import io.avnas.testkit.internal.EstimatorChecks;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReinmaxEstimatorTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    Engine.getInstance().setRandomSeed(12);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static ConfigBlock block(String hocon) {
    return new ConfigBlock("avnas.estimator", ConfigFactory.parseString(hocon));
  }

  @Test
  void everyDrawHasTheReinmaxGradientOfItsOwnSample() {
    // Row by row: read the forward sample D, then compare the gradient with the closed form for that D.
    double[] theta = {0.4, -1.0, 1.5, 0.0};
    double[] costs = {2.0, -1.0, 0.5, 3.0};
    double tau = 1.7;
    int rows = 64;
    Estimator reinmax = new ReinmaxEstimatorFactory().create(block("tau = 1.7, forward = hard"));
    NDArray table = manager.create(tile(theta, rows), new Shape(rows, theta.length));
    table.setRequiresGradient(true);
    float[] w;
    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray relaxed = reinmax.relax(table, tau);
      w = relaxed.toFloatArray();
      collector.backward(relaxed.mul(manager.create(toFloat(costs))).sum());
    }
    float[] g = table.getGradient().toFloatArray();
    double[] pi0 = ReferenceGradient.softmax(theta);
    double[] scaled = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      scaled[j] = theta[j] / tau;
    }
    double[] tempered = ReferenceGradient.softmax(scaled);
    for (int r = 0; r < rows; r++) {
      int sampled = -1;
      for (int j = 0; j < theta.length; j++) {
        float x = w[r * theta.length + j];
        assertTrue(x == 0f || x == 1f, "forward weight " + x + " is not exactly 0 or 1");
        sampled = x == 1f ? j : sampled;
      }
      double[] expected = ReinmaxReference.gradient(pi0, tempered, sampled, costs);
      for (int j = 0; j < theta.length; j++) {
        // float32 softmax and products of O(1) values: a few ulps of 1, far below 1e-5.
        assertEquals(expected[j], g[r * theta.length + j], 1e-5, "row " + r + " (D = e_" + sampled + "), op " + j);
      }
    }
  }

  @Test
  void aPlainStraightThroughCalledReinmaxFailsTheReferenceCheck() {
    // The same one-hot forward D ~ Cat(softmax(theta)), but the first-order straight-through gradient
    // J(softmax(theta / tau))^T c / tau: it passes every shape check of the kit, not this one.
    Estimator straightThrough = new Estimator() {
      @Override
      public io.avnas.api.estimator.EstimatorSettings settings() {
        return new io.avnas.api.estimator.EstimatorSettings("reinmax", 1.0, ForwardMode.HARD);
      }

      @Override
      public NDArray relax(NDArray logits, double tau) {
        NDArray fixed = logits.stopGradient();
        NDArray hard = Relaxations.gumbelMax(fixed);
        return Relaxations.straightThrough(hard, logits.div(io.avnas.support.tensor.Scalars.like(logits, tau)).softmax(-1));
      }
    };
    EstimatorChecks.hardForwardIsExactlyOneHot(straightThrough, manager, 1.0);
    assertThrows(AssertionError.class,
        () -> EstimatorChecks.gradientMatchesReference(straightThrough, manager, new ReinmaxReference()));
  }

  @Test
  void itsOwnReferenceConfSetsTauToOne() {
    // platform-api declares tau = 0.1 for every estimator; reinmax's own file overrides it for reinmax.
    ConfigBlock own = new ConfigBlock("avnas.estimator",
        PluginReference.block(ReinmaxEstimatorFactory.class, "avnas.estimator").getConfig("avnas.estimator"));
    assertEquals(1.0, own.getDouble("tau", 0, 10));
    Estimator reinmax = new ReinmaxEstimatorFactory().create(
        new ConfigBlock("avnas.estimator", ConfigFactory.parseString("forward = hard").withFallback(own.config())));
    assertEquals(1.0, reinmax.settings().tau());
    assertEquals(Map.of(), reinmax.settings().options(), "no Monte Carlo samples, no options of its own");
    assertTrue(new ReinmaxEstimatorFactory().sampleCountKey().isEmpty());
  }

  @Test
  void aSoftForwardIsRejectedNamingTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new ReinmaxEstimatorFactory().validate(block("tau = 1.0, forward = soft")));
    assertEquals("avnas.estimator.forward", e.key());
    assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
  }

  private static float[] tile(double[] theta, int rows) {
    float[] out = new float[rows * theta.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < theta.length; j++) {
        out[r * theta.length + j] = (float) theta[j];
      }
    }
    return out;
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
