package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * Renders a talking face: backdrop, a shaded face ellipse that drifts slightly (head motion), two
 * eyes and a mouth whose opening is given per frame. Edges are anti-aliased over about one pixel, so
 * small frames still look like the large ones scaled down. Fake video adds a {@link VideoArtefact}.
 */
final class Face {
  private static final double[] EYE = {0.1, 0.1, 0.12};
  private static final double[] MOUTH_INSIDE = {0.2, 0.05, 0.07};

  private Face() {}

  /**
   * @param mouthOpen opening in [0, 1] for each of the T frames
   * @param artefact the fake-video artefact, or null
   * @param r the clip's video stream (motion, lighting, sensor noise, artefact noise)
   * @return (T, 3, H, W) in [0, 1]
   */
  static float[] render(Identity id, double[] mouthOpen, int height, int width, double seconds, double noise,
      VideoArtefact artefact, SplittableRandom r) {
    int frames = mouthOpen.length;
    int plane = height * width;
    float[] out = new float[frames * 3 * plane];
    double swayX = 0.02 * width;
    double swayY = 0.015 * height;
    double rateX = Streams.uniform(r, 0.2, 0.6);
    double rateY = Streams.uniform(r, 0.2, 0.6);
    double phaseX = Streams.uniform(r, 0, 2 * Math.PI);
    double phaseY = Streams.uniform(r, 0, 2 * Math.PI);
    double light = Streams.uniform(r, -1, 1);
    double rx = id.faceWidth() * width;
    double ry = id.faceHeight() * height;
    double edge = 1.0;
    double[] colour = new double[3];
    for (int t = 0; t < frames; t++) {
      double time = (t + 0.5) * seconds / frames;
      double cx = 0.5 * width + swayX * Math.sin(2 * Math.PI * rateX * time + phaseX);
      double cy = 0.52 * height + swayY * Math.sin(2 * Math.PI * rateY * time + phaseY);
      double mouthY = cy + 0.45 * ry;
      double mouthHalfWidth = 0.38 * rx;
      double mouthHalfHeight = (0.03 + 0.20 * mouthOpen[t]) * ry;
      double lipWidth = 0.06 * ry;
      int base = t * 3 * plane;
      for (int y = 0; y < height; y++) {
        double py = y + 0.5;
        for (int x = 0; x < width; x++) {
          double px = x + 0.5;
          double vertical = py / height;
          for (int c = 0; c < 3; c++) {
            colour[c] = id.background()[c] * (0.9 + 0.2 * vertical);
          }
          double d = length((px - cx) / rx, (py - cy) / ry);
          double face = coverage((1 - d) * Math.min(rx, ry), edge);
          if (face > 0) {
            double shade = (1 + 0.1 * light * (px - cx) / rx) * (1 - 0.15 * d * d);
            double eyes = Math.max(
                coverage((1 - length((px - cx + 0.38 * rx) / (0.14 * rx), (py - cy + 0.25 * ry) / (0.07 * ry))) * 0.07 * ry, edge),
                coverage((1 - length((px - cx - 0.38 * rx) / (0.14 * rx), (py - cy + 0.25 * ry) / (0.07 * ry))) * 0.07 * ry, edge));
            double dm = length((px - cx) / mouthHalfWidth, (py - mouthY) / mouthHalfHeight);
            double inside = coverage((1 - dm) * mouthHalfHeight, edge);
            double dl = length((px - cx) / (mouthHalfWidth + lipWidth), (py - mouthY) / (mouthHalfHeight + lipWidth));
            double lips = coverage((1 - dl) * (mouthHalfHeight + lipWidth), edge);
            for (int c = 0; c < 3; c++) {
              double skin = id.skin()[c] * shade;
              skin = mix(skin, EYE[c], eyes);
              skin = mix(skin, id.lips()[c], lips);
              skin = mix(skin, MOUTH_INSIDE[c], inside);
              colour[c] = mix(colour[c], skin, face);
            }
            if (artefact != null) {
              artefact.apply(colour, px, py, cx, cy, rx, ry, face, t);
            }
          }
          int i = base + y * width + x;
          for (int c = 0; c < 3; c++) {
            double v = colour[c] + noise * r.nextGaussian();
            out[i + c * plane] = (float) Math.max(0, Math.min(1, v));
          }
        }
      }
    }
    return out;
  }

  /** Fraction of a pixel covered by a shape whose signed distance (pixels, positive inside) is {@code inside}. */
  static double coverage(double inside, double edge) {
    return Math.max(0, Math.min(1, inside / edge + 0.5));
  }

  /** sqrt(a^2 + b^2); Math.hypot guards against overflow we cannot have here and is several times slower. */
  static double length(double a, double b) {
    return Math.sqrt(a * a + b * b);
  }

  private static double mix(double a, double b, double weight) {
    return a + (b - a) * weight;
  }
}
