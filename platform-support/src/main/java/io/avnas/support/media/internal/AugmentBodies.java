package io.avnas.support.media.internal;

import io.avnas.api.data.Clip;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in augmentation ops. Visual ops keep values in [0, 1]; audio ops keep samples in
 * [-1, 1]. Each op is the same for every frame of a clip (a jitter that flickered per frame would
 * itself look like a video artefact).
 */
final class AugmentBodies {
  /** Op name to its configuration, in the order the docs list them. */
  static final Map<String, AugmentOp.Spec> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("hflip", new AugmentOp.Spec(0.5, Map.of(), Map.of(), AugmentOp.NO_CHECK, AugmentBodies::hflip));
    SPECS.put("temporal-crop", new AugmentOp.Spec(1, Map.of("min-fraction", 0.8), Map.of("min-fraction", new double[] {0.01, 1}),
        AugmentOp.NO_CHECK, AugmentBodies::temporalCrop));
    SPECS.put("colour-jitter", new AugmentOp.Spec(1, ordered("brightness", 0.2, "contrast", 0.2, "saturation", 0.2),
        Map.of("brightness", new double[] {0, 1}, "contrast", new double[] {0, 1}, "saturation", new double[] {0, 1}),
        AugmentOp.NO_CHECK, AugmentBodies::colourJitter));
    SPECS.put("noise", new AugmentOp.Spec(1, ordered("min-snr-db", 20.0, "max-snr-db", 40.0),
        Map.of("min-snr-db", new double[] {-20, 120}, "max-snr-db", new double[] {-20, 120}),
        AugmentOp.ordered("min-snr-db", "max-snr-db"), AugmentBodies::noise));
    SPECS.put("gain", new AugmentOp.Spec(1, ordered("min-db", -6.0, "max-db", 6.0),
        Map.of("min-db", new double[] {-60, 60}, "max-db", new double[] {-60, 60}),
        AugmentOp.ordered("min-db", "max-db"), AugmentBodies::gain));
    SPECS.put("time-shift", new AugmentOp.Spec(1, Map.of("max-seconds", 0.04), Map.of("max-seconds", new double[] {0, 10}),
        AugmentOp.NO_CHECK, AugmentBodies::timeShift));
    SPECS.put("time-reversal", new AugmentOp.Spec(0.5, Map.of(), Map.of(), AugmentOp.NO_CHECK, AugmentBodies::timeReversal));
  }

  private AugmentBodies() {}

  private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Map<String, Double> ordered(String k1, double v1, String k2, double v2, String k3, double v3) {
    Map<String, Double> map = ordered(k1, v1, k2, v2);
    map.put(k3, v3);
    return map;
  }

  static Clip withFrames(Clip clip, float[] frames, int frameCount) {
    return new Clip(clip.info(), frames, frameCount, clip.height(), clip.width(), clip.waveform(), clip.sampleRate());
  }

  static Clip withWaveform(Clip clip, float[] waveform) {
    return new Clip(clip.info(), clip.frames(), clip.frameCount(), clip.height(), clip.width(), waveform, clip.sampleRate());
  }

  static Clip hflip(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    int w = clip.width();
    float[] in = clip.frames();
    float[] out = new float[in.length];
    for (int row = 0; row < in.length / w; row++) {
      int base = row * w;
      for (int x = 0; x < w; x++) {
        out[base + x] = in[base + w - 1 - x];
      }
    }
    return withFrames(clip, out, clip.frameCount());
  }

  /** Keeps a random window of frames and the audio of the same time span, so the streams stay in sync. */
  static Clip temporalCrop(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    double minFraction = parameters.get("min-fraction");
    double fraction = minFraction + (1 - minFraction) * random.nextDouble();
    int frames = clip.frameCount();
    int kept = Math.max(1, (int) Math.round(fraction * frames));
    int start = random.nextInt(frames - kept + 1);
    int frameValues = 3 * clip.height() * clip.width();
    float[] video = Arrays.copyOfRange(clip.frames(), start * frameValues, (start + kept) * frameValues);
    double samplesPerFrame = (double) clip.waveform().length / frames;
    int from = (int) Math.round(start * samplesPerFrame);
    int to = (int) Math.round((start + kept) * samplesPerFrame);
    float[] audio = Arrays.copyOfRange(clip.waveform(), from, to);
    return new Clip(clip.info(), video, kept, clip.height(), clip.width(), audio, clip.sampleRate());
  }

  /** Brightness (scale), then contrast (around the clip's mean luma), then saturation (around each pixel's luma). */
  static Clip colourJitter(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    double brightness = 1 + parameters.get("brightness") * (2 * random.nextDouble() - 1);
    double contrast = 1 + parameters.get("contrast") * (2 * random.nextDouble() - 1);
    double saturation = 1 + parameters.get("saturation") * (2 * random.nextDouble() - 1);
    float[] in = clip.frames();
    float[] out = new float[in.length];
    int plane = clip.height() * clip.width();
    double lumaSum = 0;
    for (int t = 0; t < clip.frameCount(); t++) {
      int base = t * 3 * plane;
      for (int i = 0; i < plane; i++) {
        lumaSum += luma(in[base + i], in[base + plane + i], in[base + 2 * plane + i]);
      }
    }
    double meanLuma = brightness * lumaSum / ((double) plane * clip.frameCount());
    for (int t = 0; t < clip.frameCount(); t++) {
      int base = t * 3 * plane;
      for (int i = 0; i < plane; i++) {
        double r = meanLuma + contrast * (brightness * in[base + i] - meanLuma);
        double g = meanLuma + contrast * (brightness * in[base + plane + i] - meanLuma);
        double b = meanLuma + contrast * (brightness * in[base + 2 * plane + i] - meanLuma);
        double y = luma(r, g, b);
        out[base + i] = clamp01(y + saturation * (r - y));
        out[base + plane + i] = clamp01(y + saturation * (g - y));
        out[base + 2 * plane + i] = clamp01(y + saturation * (b - y));
      }
    }
    return withFrames(clip, out, clip.frameCount());
  }

  static double luma(double r, double g, double b) {
    return 0.299 * r + 0.587 * g + 0.114 * b;
  }

  /** White Gaussian noise at a random SNR relative to the clip's own power; silence stays silent. */
  static Clip noise(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    double snrDb = uniform(random, parameters.get("min-snr-db"), parameters.get("max-snr-db"));
    float[] in = clip.waveform();
    double power = 0;
    for (float v : in) {
      power += (double) v * v;
    }
    power /= Math.max(1, in.length);
    if (power == 0) {
      return clip;
    }
    double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = clampAudio(in[i] + sigma * random.nextGaussian());
    }
    return withWaveform(clip, out);
  }

  static Clip gain(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    double factor = Math.pow(10, uniform(random, parameters.get("min-db"), parameters.get("max-db")) / 20);
    float[] in = clip.waveform();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = clampAudio(in[i] * factor);
    }
    return withWaveform(clip, out);
  }

  /** Delays (positive shift) or advances the audio by up to max-seconds, filling with silence. */
  static Clip timeShift(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    int max = (int) Math.round(parameters.get("max-seconds") * clip.sampleRate());
    int shift = max == 0 ? 0 : random.nextInt(-max, max + 1);
    float[] in = clip.waveform();
    float[] out = new float[in.length];
    for (int i = Math.max(0, shift); i < Math.min(in.length, in.length + shift); i++) {
      out[i] = in[i - shift];
    }
    return withWaveform(clip, out);
  }

  static Clip timeReversal(Clip clip, Map<String, Double> parameters, SplittableRandom random) {
    float[] in = clip.waveform();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return withWaveform(clip, out);
  }

  private static double uniform(SplittableRandom random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  private static float clamp01(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }

  private static float clampAudio(double v) {
    return (float) Math.max(-1, Math.min(1, v));
  }
}
