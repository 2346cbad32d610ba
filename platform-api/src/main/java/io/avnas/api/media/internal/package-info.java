/**
 * Internals of {@code io.avnas.api.media}: the FFT, spectrogram plans, resampling, image resizing
 * and the augmentation operations. Not exported: only the public facades in {@code
 * io.avnas.api.media} are API.
 */
package io.avnas.api.media.internal;
