/**
 * Internals of {@code io.avnas.support.media}: the FFT, spectrogram plans, resampling, image resizing
 * and the augmentation operations. Not exported: only the public facades in {@code
 * io.avnas.support.media} are API.
 */
package io.avnas.support.media.internal;
