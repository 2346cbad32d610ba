package io.avnas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.estimator.ConditionalSampler;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.config.PluginReference;
import io.avnas.testkit.internal.EstimatorChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The estimator contract: extend this class in a JUnit 5 test, return your factory and declare what
 * your estimator claims, and it runs every check of the contract (docs/estimators.md) that applies.
 *
 * <pre>{@code
 * class MyEstimatorContractTest extends EstimatorContract {
 *   protected EstimatorFactory factory() { return new MyEstimatorFactory(); }
 *   protected EstimatorCapabilities capabilities() {
 *     return EstimatorCapabilities.sampling(ForwardMode.HARD);
 *   }
 * }
 * }</pre>
 *
 * <p>The estimator is created from the merged {@code reference.conf} files on the test class path
 * ({@code avnas.estimator}), with the factory's own {@code reference.conf} above them (as the runner
 * layers a chosen plugin's defaults: its own file, then platform-api's shared defaults, then the
 * rest) and {@link #options()} on top. Override {@link
 * #referenceGradient()} to have the kit check the gradient's values, not only its shape. A DJL engine must be on the test class
 * path (e.g. {@code ai.djl.pytorch:pytorch-engine}, {@code pytorch-jni} and {@code
 * pytorch-native-cpu}, test scope). Checks that do not apply are skipped with a reason.
 */
public abstract class EstimatorContract {
  /** The temperature of the statistical comparisons: moderate, so the stgs gradient is well spread. */
  protected static final double STATISTICS_TAU = 0.5;

  private NDManager manager;

  /** The factory under test. */
  protected abstract EstimatorFactory factory();

  /** What the estimator under test (configured with {@link #options()}) claims. */
  protected abstract EstimatorCapabilities capabilities();

  /** Keys under {@code avnas.estimator} to set for the estimator under test, e.g. {@code forward = soft}. */
  protected Map<String, Object> options() {
    return Map.of();
  }

  /**
   * True if {@code relax} must equal softmax(theta) with its exact gradient. By default every
   * deterministic estimator is held to that; override for another deterministic relaxation.
   */
  protected boolean relaxIsSoftmax() {
    return !capabilities().sampling();
  }

  /**
   * An independent reference for the gradient values (exact, or Monte Carlo draws); the kit then
   * checks that the estimator's gradient has its mean and variance ({@link
   * EstimatorChecks#gradientMatchesReference}). None by default: the check is skipped.
   */
  protected Optional<ReferenceGradient> referenceGradient() {
    return Optional.empty();
  }

  /** The most Adam steps the toy task may take. */
  protected int toyTaskMaxSteps() {
    return 300;
  }

  @BeforeEach
  final void openManager() {
    Engine.getInstance().setRandomSeed(20_260_611);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  final void closeManager() {
    manager.close();
  }

  /** The {@code avnas.estimator} block: references, then {@link #options()}, then {@code extra}. */
  protected final ConfigBlock block(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>(options());
    values.putAll(extra);
    values.put("id", factory().id());
    Config reference = PluginReference.block(factory().getClass(), "avnas.estimator").withFallback(PluginReference.shared())
        .withFallback(ConfigFactory.defaultReference(factory().getClass().getClassLoader())).resolve();
    Config estimator = reference.hasPath("avnas.estimator") ? reference.getConfig("avnas.estimator") : ConfigFactory.empty();
    return new ConfigBlock("avnas.estimator", ConfigFactory.parseMap(values).withFallback(estimator));
  }

  /** The estimator under test, validated first as the runner does. */
  protected final Estimator estimator(Map<String, Object> extra) {
    ConfigBlock block = block(extra);
    factory().validate(block);
    return factory().create(block);
  }

  private Estimator estimator() {
    return estimator(Map.of());
  }

  private double tau() {
    return estimator().settings().tau();
  }

  @Test
  void settingsMatchTheDeclaredCapabilities() {
    EstimatorChecks.settingsMatch(estimator(), factory().id(), capabilities(), factory().sampleCountKey());
  }

  @Test
  void gradientMatchesTheAuthorsReference() {
    Optional<ReferenceGradient> reference = referenceGradient();
    assumeTrue(reference.isPresent(), "no reference gradient given (override referenceGradient())");
    EstimatorChecks.gradientMatchesReference(estimator(), manager, reference.get());
  }

  @Test
  void hardForwardIsExactlyOneHot() {
    assumeTrue(capabilities().forward() == ForwardMode.HARD, "soft forward");
    EstimatorChecks.hardForwardIsExactlyOneHot(estimator(), manager, tau());
  }

  @Test
  void softForwardIsADistribution() {
    assumeTrue(capabilities().forward() == ForwardMode.SOFT, "hard forward");
    EstimatorChecks.softForwardIsDistribution(estimator(), manager, tau());
  }

  @Test
  void probabilitiesAreSoftmax() {
    EstimatorChecks.probabilitiesAreSoftmax(estimator(), manager);
  }

  @Test
  void deterministicEstimatorIsSoftmaxWithExactGradient() {
    assumeTrue(relaxIsSoftmax(), "relax is not declared to be softmax");
    EstimatorChecks.deterministicIsSoftmaxWithExactGradient(estimator(), manager, tau());
  }

  @Test
  void gradientSurvivesGarbageCollectionBeforeBackward() {
    EstimatorChecks.gradientSurvivesGarbageCollection(estimator(), manager, tau());
  }

  @Test
  void logitsReceiveANonZeroGradientAfterOneStep() {
    EstimatorChecks.logitsReceiveGradient(estimator(), manager, tau());
  }

  @Test
  void everyConditionalSampleKeepsItsArgmax() {
    ConditionalSampler sampler = sampler();
    EstimatorChecks.conditionalSamplesKeepArgmax(sampler, manager);
  }

  @Test
  void conditionalMarginalsMatchARejectionSampler() {
    ConditionalSampler sampler = sampler();
    EstimatorChecks.conditionalMarginalsMatchRejection(sampler, manager);
  }

  @Test
  void gradientHasTheStgsMeanAndVariance() {
    assumeTrue(capabilities().stgsLaw(), "no stgs law claimed");
    Map<String, Object> one = capabilities().monteCarloKey() == null ? Map.of() : Map.of(capabilities().monteCarloKey(), 1);
    EstimatorChecks.gradientMatchesStgs(estimator(one), manager, STATISTICS_TAU);
  }

  @Test
  void gradientIsCoupledWithTheForwardSample() {
    assumeTrue(capabilities().stgsLaw(), "no stgs law claimed");
    Map<String, Object> one = capabilities().monteCarloKey() == null ? Map.of() : Map.of(capabilities().monteCarloKey(), 1);
    EstimatorChecks.gradientIsCoupledWithTheForwardSample(estimator(one), manager, STATISTICS_TAU,
        capabilities().forward() == ForwardMode.HARD);
  }

  @Test
  void gradientVarianceFallsWithSamplesAndStaysBelowStgs() {
    assumeTrue(capabilities().stgsLaw() && capabilities().monteCarloKey() != null, "no Monte Carlo samples with the stgs law");
    String key = capabilities().monteCarloKey();
    EstimatorChecks.varianceFallsWithSamples(k -> estimator(Map.of(key, k)), manager, STATISTICS_TAU);
  }

  @Test
  void learnsAToyTaskWhereOneOpIsClearlyBest() {
    int steps = EstimatorChecks.learnsToyTask(estimator(), manager, tau(), toyTaskMaxSteps());
    assertTrue(steps <= toyTaskMaxSteps());
  }

  @Test
  void logitsOfMagnitude50StayFinite() {
    EstimatorChecks.largeLogitsStayFinite(estimator(), manager, tau());
  }

  @Test
  void stepsInAScopeKeepTheLiveArrayCountFlat() {
    EstimatorChecks.stepsInAScopeKeepLiveArraysFlat(estimator(), manager, tau());
  }

  @Test
  void sameSeedGivesTheSameWeights() {
    EstimatorChecks.reproducibleWithSeed(estimator(), manager, tau(), capabilities().sampling());
  }

  @Test
  void aNonPositiveTemperatureIsRejectedNamingTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> factory().validate(block(Map.of("tau", 0))));
    assertEquals("avnas.estimator.tau", e.key());
    if (capabilities().monteCarloKey() != null) {
      String key = capabilities().monteCarloKey();
      InvalidConfigException k = assertThrows(InvalidConfigException.class, () -> factory().validate(block(Map.of(key, 0))));
      assertEquals("avnas.estimator." + key, k.key());
    }
  }

  private ConditionalSampler sampler() {
    Optional<ConditionalSampler> sampler = estimator().conditionalSampler();
    assumeTrue(sampler.isPresent(), "no conditional sampler");
    return sampler.get();
  }
}
