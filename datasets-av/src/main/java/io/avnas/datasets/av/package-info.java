/**
 * The dataset providers' factories. {@link io.avnas.datasets.av.SyntheticDatasetFactory} ({@code
 * synthetic}) opens the embedded synthetic dataset of {@link io.avnas.datasets.av.synthetic}.
 */
package io.avnas.datasets.av;
