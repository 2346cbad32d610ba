/** The Gumbel-Rao Monte Carlo estimator (GRMC-BMNAS). */
module io.avnas.estimator.grmc {
  requires io.avnas.api;
}
