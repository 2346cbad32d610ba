package io.avnas.estimator.grmc;

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
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** grmc's options: defaults, validation messages, what the settings record, and what `through` changes. */
class GrmcEstimatorFactoryTest {
  private final GrmcEstimatorFactory factory = new GrmcEstimatorFactory();

  private static ConfigBlock block(Map<String, Object> values) {
    return new ConfigBlock("avnas.estimator", ConfigFactory.parseMap(values)
        .withFallback(ConfigFactory.defaultReference().getConfig("avnas.estimator")));
  }

  @Test
  void defaultsAreThePapersBestSetting() {
    EstimatorSettings s = factory.create(block(Map.of())).settings();
    assertEquals("grmc", s.id());
    assertEquals(0.1, s.tau());
    assertEquals(ForwardMode.HARD, s.forward());
    assertEquals(Map.of("K", 100, "noise-gradient", "constant"), s.options());
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    InvalidConfigException forward = assertThrows(InvalidConfigException.class,
        () -> factory.validate(block(Map.of("forward", "medium"))));
    assertEquals("avnas.estimator.forward", forward.key());
    assertTrue(forward.getMessage().contains("hard, soft"), forward.getMessage());
    InvalidConfigException noise = assertThrows(InvalidConfigException.class,
        () -> factory.validate(block(Map.of("noise-gradient", "sideways"))));
    assertEquals("avnas.estimator.noise-gradient", noise.key());
    assertTrue(noise.getMessage().contains("constant, through"), noise.getMessage());
    InvalidConfigException k = assertThrows(InvalidConfigException.class,
        () -> factory.validate(block(Map.of("K", 100_001))));
    assertEquals("avnas.estimator.K", k.key());
  }

  @Test
  void throughKeepsTheForwardValueAndChangesTheGradient() {
    Estimator constant = factory.create(block(Map.of("K", 10)));
    Estimator through = factory.create(block(Map.of("K", 10, "noise-gradient", "through")));
    assertEquals("through", through.settings().options().get("noise-gradient"));
    float[][] constantRun = run(constant);
    float[][] throughRun = run(through);
    // Same seed, same noise: the same forward weights.
    assertArrayEquals(constantRun[0], throughRun[0]);
    // The gradients differ: `through` adds the derivative of the sample formula itself.
    double diff = 0;
    for (int i = 0; i < constantRun[1].length; i++) {
      diff = Math.max(diff, Math.abs(constantRun[1][i] - throughRun[1][i]));
    }
    assertTrue(diff > 1e-3, "largest gradient difference " + diff);
  }

  private static float[][] run(Estimator estimator) {
    Engine.getInstance().setRandomSeed(99);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = manager.create(new float[] {0.5f, -0.3f, 1.2f, 0.1f, -1f, 0.4f, 2f, 0f, 0.3f, -0.2f}, new Shape(2, 5));
      logits.setRequiresGradient(true);
      NDArray costs = manager.create(new float[] {1f, -2f, 0.5f, 3f, 0f, 2f, 1f, -1f, 0.5f, 0f}, new Shape(2, 5));
      float[] forward;
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDArray w = estimator.relax(logits, 0.5);
        forward = w.toFloatArray();
        collector.backward(w.mul(costs).sum());
      }
      return new float[][] {forward, logits.getGradient().toFloatArray()};
    }
  }
}
