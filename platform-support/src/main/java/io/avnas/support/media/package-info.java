/**
 * Shared, engine-free media preprocessing: from a decoded {@link io.avnas.api.data.Clip} to the
 * inputs of the visual and audio backbones. Every dataset provider, built-in or third-party, and
 * the runner's feature extractor use the same code, configured by {@code avnas.preprocess}.
 */
package io.avnas.support.media;
