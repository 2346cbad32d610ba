package io.avnas.datasets.av.decode;

/**
 * The decoded content of one clip, before it is labelled.
 *
 * @param frames RGB in [0, 1], row-major (T, 3, H, W)
 * @param frameCount T
 * @param height H
 * @param width W
 * @param waveform mono samples
 * @param sampleRate samples per second of {@code waveform}
 */
public record DecodedMedia(float[] frames, int frameCount, int height, int width, float[] waveform, int sampleRate) {}
