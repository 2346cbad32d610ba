/**
 * The dataset provider SPI: labelled audio-visual clips and, optionally, their preset splits.
 *
 * <p>A {@link io.avnas.api.data.DatasetProvider} lists its clips cheaply ({@link
 * io.avnas.api.data.ClipInfo}) and decodes one on demand ({@link io.avnas.api.data.Clip}). A clip
 * that cannot be decoded raises {@link io.avnas.api.data.ClipLoadException}; callers skip it, count
 * it and go on. Splitting, balancing, preprocessing and feature caching are done by shared code, not
 * by each provider.
 */
package io.avnas.api.data;
