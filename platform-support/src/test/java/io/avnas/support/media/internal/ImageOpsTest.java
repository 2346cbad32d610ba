package io.avnas.support.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageOpsTest {

  @Test
  void uniformSamplingPicksSegmentCentres() {
    assertArrayEquals(new int[] {1, 3, 6, 8}, ImageOps.uniformIndices(10, 4));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ImageOps.uniformIndices(8, 8));
    assertArrayEquals(new int[] {0, 0, 1, 2, 2}, ImageOps.uniformIndices(3, 5));
    assertArrayEquals(new int[] {12}, ImageOps.uniformIndices(25, 1));
  }

  @Test
  void bilinearUsesHalfPixelCentres() {
    // One 4-wide row, values 0,1,2,3 in every channel. Downscaled to 2, output centres map to
    // source x = 0.5 and 2.5, so the values are 0.5 and 2.5 (before ImageNet normalisation).
    int h = 4;
    int w = 4;
    float[] src = new float[3 * h * w];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          src[c * h * w + y * w + x] = x;
        }
      }
    }
    float[] out = new float[3 * 2 * 2];
    ImageOps.resizeNormalised(src, 0, h, w, 2, out, 0);
    for (int c = 0; c < 3; c++) {
      assertEquals(0.5f, out[c * 4] * ImageOps.STD[c] + ImageOps.MEAN[c], 1e-5);
      assertEquals(2.5f, out[c * 4 + 1] * ImageOps.STD[c] + ImageOps.MEAN[c], 1e-5);
      assertEquals(2.5f, out[c * 4 + 3] * ImageOps.STD[c] + ImageOps.MEAN[c], 1e-5);
    }
  }
}
