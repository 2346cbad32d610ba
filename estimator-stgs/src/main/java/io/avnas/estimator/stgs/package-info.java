/**
 * The {@code softmax} estimator (the deterministic BM-NAS/DARTS relaxation) and {@code stgs}
 * (straight-through Gumbel-softmax). Both work on a whole table of logits at once.
 */
package io.avnas.estimator.stgs;
