package io.avnas.testkit;

import io.avnas.api.estimator.ForwardMode;

/**
 * What an estimator under test claims, so the contract runs the checks that apply to it.
 *
 * @param forward the forward mode it is configured with: HARD (exact one-hot) or SOFT
 * @param sampling true if {@code relax} draws noise; false for a deterministic relaxation, which
 *     must then equal softmax with its exact gradient
 * @param monteCarloKey the config key (relative to {@code avnas.estimator}) of its number of Monte
 *     Carlo samples, e.g. {@code K}, or {@code null} if it has none
 * @param stgsLaw true if its gradient has the distribution of the straight-through Gumbel-softmax
 *     gradient (with {@code monteCarloKey = 1} when it has one) and, for more samples, is the
 *     conditional expectation of it given the sampled category (Rao-Blackwellised), so its variance
 *     falls with the sample count
 */
public record EstimatorCapabilities(ForwardMode forward, boolean sampling, String monteCarloKey, boolean stgsLaw) {

  /** A deterministic relaxation such as {@code softmax}: soft forward, no noise. */
  public static EstimatorCapabilities deterministic() {
    return new EstimatorCapabilities(ForwardMode.SOFT, false, null, false);
  }

  /** A sampling estimator with the given forward mode, no Monte Carlo key, no stgs law claimed. */
  public static EstimatorCapabilities sampling(ForwardMode forward) {
    return new EstimatorCapabilities(forward, true, null, false);
  }

  /** The same, with a Monte Carlo sample count under {@code key}. */
  public EstimatorCapabilities withMonteCarlo(String key) {
    return new EstimatorCapabilities(forward, sampling, key, stgsLaw);
  }

  /** The same, claiming the stgs law (see the record's description). */
  public EstimatorCapabilities withStgsLaw() {
    return new EstimatorCapabilities(forward, sampling, monteCarloKey, true);
  }
}
