package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * Fake-video artefacts, drawn per clip.
 *
 * <ul>
 *   <li><b>blending seam</b>: the lower face (where a swapped face is pasted) has a colour offset with
 *       a hard border, flickering from frame to frame as a per-frame blend would;
 *   <li><b>texture noise</b>: blocky 2x2-pixel noise on the face only, as a generator's texture.
 * </ul>
 */
final class VideoArtefact {
  private final boolean seam;
  private final double[] offset;
  private final double[] flicker;
  private final double textureSigma;
  private final int blockColumns;
  private final double[][] blockNoise;

  private VideoArtefact(boolean seam, double[] offset, double[] flicker, double textureSigma, int blockColumns, double[][] blockNoise) {
    this.seam = seam;
    this.offset = offset;
    this.flicker = flicker;
    this.textureSigma = textureSigma;
    this.blockColumns = blockColumns;
    this.blockNoise = blockNoise;
  }

  static VideoArtefact random(double strength, int frames, int height, int width, SplittableRandom r) {
    boolean seam = r.nextBoolean();
    double[] offset = new double[3];
    double norm = 0;
    for (int c = 0; c < 3; c++) {
      offset[c] = r.nextGaussian();
      norm += offset[c] * offset[c];
    }
    for (int c = 0; c < 3; c++) {
      offset[c] *= 0.12 * strength / Math.sqrt(norm);
    }
    double[] flicker = new double[frames];
    for (int t = 0; t < frames; t++) {
      flicker[t] = 1 + 0.4 * (2 * r.nextDouble() - 1);
    }
    int columns = (width + 1) / 2;
    int rows = (height + 1) / 2;
    double[][] blocks = null;
    if (!seam) {
      blocks = new double[frames][3 * rows * columns];
      for (double[] frame : blocks) {
        for (int i = 0; i < frame.length; i++) {
          frame[i] = r.nextGaussian();
        }
      }
    }
    return new VideoArtefact(seam, offset, flicker, 0.12 * strength, columns, blocks);
  }

  /** Changes the colour of one face pixel in place. */
  void apply(double[] colour, double px, double py, double cx, double cy, double rx, double ry, double face, int frame) {
    if (seam) {
      double d = Face.length((px - cx) / (0.8 * rx), (py - (cy + 0.3 * ry)) / (0.55 * ry));
      if (d < 1) {
        for (int c = 0; c < 3; c++) {
          colour[c] += face * offset[c] * flicker[frame];
        }
      }
    } else {
      int block = ((int) py / 2) * blockColumns + (int) px / 2;
      int blocks = blockNoise[frame].length / 3;
      for (int c = 0; c < 3; c++) {
        colour[c] += face * textureSigma * blockNoise[frame][c * blocks + block];
      }
    }
  }
}
