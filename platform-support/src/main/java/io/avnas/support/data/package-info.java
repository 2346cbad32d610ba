/**
 * Engine-free dataset helpers every provider and the runner share: identity-disjoint seeded splits
 * ({@link io.avnas.support.data.Splits}) and the real/fake balancing of {@code avnas.dataset.balance}
 * ({@link io.avnas.support.data.Balancing}). They work on the SPI's value types ({@link
 * io.avnas.api.data.ClipInfo}, {@link io.avnas.api.data.SplitRatios}) and are not part of the SPI.
 */
package io.avnas.support.data;
