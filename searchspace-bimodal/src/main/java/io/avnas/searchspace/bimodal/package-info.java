/**
 * The bimodal two-level search space of BM-NAS as used by STGS-/GRMC-BMNAS (docs/search.md).
 *
 * <p>Level 1 ({@code alpha}) mixes the reshaped backbone features and earlier step nodes into each
 * step node; level 2 ({@code beta}) mixes the inner states of a step node and {@code gamma} mixes
 * the fusion ops. Every mixture is one matrix product over stacked states, so the number of tensor
 * ops per forward does not grow with the number of edges.
 */
package io.avnas.searchspace.bimodal;
