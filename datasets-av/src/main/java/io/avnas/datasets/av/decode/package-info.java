/**
 * In-process decoding of video files (H.264/mp4 and anything else FFmpeg reads) and audio (AAC in
 * mp4, wav) into {@link io.avnas.api.data.Clip}s, with the {@code org.bytedeco:ffmpeg} presets.
 *
 * <p>{@link io.avnas.datasets.av.decode.MediaDecoder} samples T frames uniformly over the clip's
 * duration, converts them to RGB floats in [0, 1] (native size or a configured square size) and
 * resamples the audio to 16 kHz mono. Every call owns its FFmpeg contexts and frees them in
 * {@code finally}, so calls may run in parallel and nothing accumulates over thousands of files.
 * A file that cannot be decoded raises {@link io.avnas.api.data.ClipLoadException} naming the file
 * and the reason.
 *
 * <p>{@link io.avnas.datasets.av.decode.MediaClipProvider} is the shared base of the file-backed
 * providers (FakeAVCeleb, SWAN-DF, manifest): a list of clips with their files, a fingerprint over
 * the files' sizes and times, and decoding on demand.
 */
package io.avnas.datasets.av.decode;
