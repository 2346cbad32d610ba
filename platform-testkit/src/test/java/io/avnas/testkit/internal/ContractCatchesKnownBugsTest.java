package io.avnas.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.avnas.api.estimator.ConditionalSampler;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.Relaxations;
import io.avnas.testkit.ReferenceGradient;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks fail on the bugs seen in public code (a reversed straight-through, noise added in a loop, fresh noise on conditioned logits) and on other
 * plausible mistakes: a kit whose checks cannot fail would prove nothing.
 */
class ContractCatchesKnownBugsTest {
  private static final EstimatorSettings HARD = new EstimatorSettings("broken", 0.5, ForwardMode.HARD);
  private NDManager manager;

  @BeforeEach
  void open() {
    Engine.getInstance().setRandomSeed(5);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** An estimator from a relax function, for the broken variants below. */
  private static Estimator estimator(BiFunction<NDArray, Double, NDArray> relax) {
    return new Estimator() {
      @Override
      public EstimatorSettings settings() {
        return HARD;
      }

      @Override
      public NDArray relax(NDArray logits, double tau) {
        return relax.apply(logits, tau);
      }
    };
  }

  private static NDArray perturbed(NDArray logits) {
    return logits.add(Relaxations.gumbel(logits.getManager(), logits.getShape(), logits.getDataType()));
  }

  @Test
  void reversedStraightThroughGetsNoGradient() {
    // Bug 1: D + stopGradient(s - D) gives no gradient at all; in float32 its forward value is not
    // even exactly D (1 + (0.95 - 1) rounds to 0.95000005), so both checks catch it.
    Estimator reversed = estimator((logits, tau) -> {
      NDArray z = perturbed(logits);
      NDArray soft = z.div(tau).softmax(-1);
      NDArray hard = Relaxations.oneHotArgMax(z.stopGradient());
      return hard.add(soft.sub(hard).stopGradient());
    });
    assertThrows(AssertionError.class, () -> EstimatorChecks.hardForwardIsExactlyOneHot(reversed, manager, 0.5));
    assertThrows(AssertionError.class, () -> EstimatorChecks.logitsReceiveGradient(reversed, manager, 0.5));
  }

  @Test
  void softOutputCalledStraightThroughIsNotOneHot() {
    // Bug 2: noise added M times in a loop, divided by tau each time, and the output left soft.
    Estimator notStraightThrough = estimator((logits, tau) -> {
      NDArray z = logits;
      for (int m = 0; m < 3; m++) {
        z = perturbed(z).div(tau);
      }
      return z.softmax(-1);
    });
    assertThrows(AssertionError.class, () -> EstimatorChecks.hardForwardIsExactlyOneHot(notStraightThrough, manager, 0.5));
  }

  @Test
  void freshNoiseOnConditionedLogitsBreaksTheArgmax() {
    // Bug 3: fresh Gumbel noise on top of the logits, whatever D says.
    ConditionalSampler fresh = (logits, oneHot, k) ->
        perturbed(logits.expandDims(0).repeat(0, k));
    assertThrows(AssertionError.class, () -> EstimatorChecks.conditionalSamplesKeepArgmax(fresh, manager));
  }

  @Test
  void forcingTheArgmaxWithoutTheRightLawFailsTheMarginals() {
    // Keeps argmax = D (winner pushed to max + 1) but is not the conditional distribution.
    ConditionalSampler forced = (logits, oneHot, k) -> {
      NDArray y = perturbed(logits.expandDims(0).repeat(0, k));
      NDArray top = y.max(new int[] {-1}, true).add(1);
      NDArray mask = oneHot.toType(y.getDataType(), false);
      return y.mul(mask.neg().add(1)).add(top.mul(mask));
    };
    EstimatorChecks.conditionalSamplesKeepArgmax(forced, manager);
    assertThrows(AssertionError.class, () -> EstimatorChecks.conditionalMarginalsMatchRejection(forced, manager));
  }

  @Test
  void aTemperatureLeftOutChangesTheGradientLaw() {
    // Straight-through, but the relaxed sample ignores tau: not the stgs gradient at tau = 0.5.
    Estimator noTau = estimator((logits, tau) -> {
      NDArray z = perturbed(logits);
      return Relaxations.straightThrough(Relaxations.oneHotArgMax(z.stopGradient()), z.softmax(-1));
    });
    assertThrows(AssertionError.class, () -> EstimatorChecks.gradientMatchesStgs(noTau, manager, 0.5));
  }

  @Test
  void theReferenceCheckPassesTheRightGradientAndCatchesAnother() {
    // The stgs rule in tensors against the stgs rule in plain Java: the check must pass it...
    Estimator stgs = estimator((logits, tau) -> {
      NDArray z = perturbed(logits);
      return Relaxations.straightThrough(Relaxations.oneHotArgMax(z.stopGradient()), z.div(tau).softmax(-1));
    });
    ReferenceGradient stgsReference = (theta, costs, tau, draws, random) ->
        GradientDraws.referenceStgs(theta, costs, tau, draws, random.nextLong());
    EstimatorChecks.gradientMatchesReference(stgs, manager, stgsReference);
    // ...and fail the same estimator against another rule's reference: the exact gradient of softmax.
    ReferenceGradient exactSoftmax = (theta, costs, tau, draws, random) ->
        new double[][] {GradientDraws.exactGradient(theta, costs)};
    assertThrows(AssertionError.class, () -> EstimatorChecks.gradientMatchesReference(stgs, manager, exactSoftmax));
  }

  @Test
  void anExactReferenceHoldsADeterministicEstimatorToRounding() {
    Estimator softmax = estimator((logits, tau) -> logits.softmax(-1));
    ReferenceGradient exact = (theta, costs, tau, draws, random) -> new double[][] {GradientDraws.exactGradient(theta, costs)};
    EstimatorChecks.gradientMatchesReference(softmax, manager, exact);
    // A gradient 1% too large (softmax(1.01 theta) has a 1% larger Jacobian near these logits) fails.
    Estimator scaled = estimator((logits, tau) -> logits.mul(io.avnas.support.tensor.Scalars.like(logits, 1.01)).softmax(-1));
    assertThrows(AssertionError.class, () -> EstimatorChecks.gradientMatchesReference(scaled, manager, exact));
  }

  @Test
  void aForwardSampleFromOtherNoiseIsCaught() {
    // D from one Gumbel draw, s from another: same marginals, so a linear objective cannot tell.
    Estimator uncoupled = estimator((logits, tau) -> {
      NDArray hard = Relaxations.oneHotArgMax(perturbed(logits.stopGradient()));
      return Relaxations.straightThrough(hard, perturbed(logits).div(tau).softmax(-1));
    });
    EstimatorChecks.gradientMatchesStgs(uncoupled, manager, 0.5);
    assertThrows(AssertionError.class,
        () -> EstimatorChecks.gradientIsCoupledWithTheForwardSample(uncoupled, manager, 0.5, true));
  }

  @Test
  void samplesThatDoNotReduceVarianceAreCaught() {
    // A "Monte Carlo" estimator that ignores its sample count: plain stgs for every K.
    Estimator stgs = estimator((logits, tau) -> {
      NDArray z = perturbed(logits);
      return Relaxations.straightThrough(Relaxations.oneHotArgMax(z.stopGradient()), z.div(tau).softmax(-1));
    });
    EstimatorChecks.gradientMatchesStgs(stgs, manager, 0.5);
    assertThrows(AssertionError.class, () -> EstimatorChecks.varianceFallsWithSamples(k -> stgs, manager, 0.5));
  }

  @Test
  void anEstimatorThatNeverLearnsFailsTheToyTask() {
    // Uniform weights with no dependence on the logits: the best op's probability never moves.
    Estimator frozen = estimator((logits, tau) -> logits.mul(0).add(1.0f / logits.getShape().get(1)));
    assertThrows(AssertionError.class, () -> EstimatorChecks.learnsToyTask(frozen, manager, 0.5, 50));
  }

  @Test
  void nonFiniteWeightsForLargeLogitsAreCaught() {
    // A naive softmax exp(x) / sum exp(x) overflows for logits of magnitude 50 at tau 0.5.
    Estimator naive = estimator((logits, tau) -> {
      NDArray e = logits.div(tau).exp();
      return e.div(e.sum(new int[] {-1}, true));
    });
    assertThrows(AssertionError.class, () -> EstimatorChecks.largeLogitsStayFinite(naive, manager, 0.5));
  }

  @Test
  void anArrayKeptAliveOnEveryCallIsCaught() {
    // Each call leaves one array alive in the logits' manager (e.g. a cached noise buffer).
    Estimator leaky = estimator((logits, tau) -> {
      NDArray kept = logits.getManager().zeros(new ai.djl.ndarray.types.Shape(1));
      NDScope.unregister(kept);
      return logits.softmax(-1).add(kept);
    });
    assertThrows(AssertionError.class, () -> EstimatorChecks.stepsInAScopeKeepLiveArraysFlat(leaky, manager, 0.5));
  }

  @Test
  void theFigureIsWhatARejectionSamplerGives() {
    // The kit's own oracle against the published figure: plain Java rejection sampling, 4 SE + 0.005.
    Moments m = new Moments(EstimatorChecks.rejectionSample(EstimatorChecks.FIGURE_THETA, EstimatorChecks.FIGURE_WINNER,
        10_000, 3));
    for (int j = 0; j < 3; j++) {
      org.junit.jupiter.api.Assertions.assertEquals(EstimatorChecks.FIGURE_MEAN[j], m.mean(j), 4 * m.meanError(j) + 0.005);
      org.junit.jupiter.api.Assertions.assertEquals(EstimatorChecks.FIGURE_STD[j], m.std(j), 4 * m.stdError(j) + 0.005);
    }
  }
}
