package io.avnas.api.data;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.util.Locale;

/**
 * The fractions of clips that go to each split, read from {@code avnas.dataset.split}.
 *
 * @param train network weights
 * @param dev architecture weights (search)
 * @param val model selection (retrain)
 * @param test final evaluation only
 */
public record SplitRatios(double train, double dev, double val, double test) {
  /** How far from 1 the four ratios may sum (rounding in a config file). */
  public static final double SUM_TOLERANCE = 1e-6;

  public SplitRatios {
    for (double r : new double[] {train, dev, val, test}) {
      if (!(r > 0) || r > 1) {
        throw new IllegalArgumentException("split ratios must be in (0, 1], but were " + describe(train, dev, val, test));
      }
    }
    if (Math.abs(train + dev + val + test - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("split ratios must sum to 1, but were " + describe(train, dev, val, test));
    }
  }

  /**
   * Reads {@code split { train, dev, val, test }} from the {@code avnas.dataset} block.
   *
   * @throws InvalidConfigException naming the key when a ratio is not in (0, 1] or they do not sum to 1
   */
  public static SplitRatios from(ConfigBlock datasetBlock) {
    ConfigBlock split = datasetBlock.block("split");
    double[] values = new double[4];
    String[] names = {"train", "dev", "val", "test"};
    for (int i = 0; i < 4; i++) {
      values[i] = split.getDouble(names[i], 0, 1);
      if (values[i] <= 0) {
        throw InvalidConfigException.of(split.key(names[i]), values[i], "a number in (0, 1]: every split needs some clips");
      }
    }
    double sum = values[0] + values[1] + values[2] + values[3];
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new InvalidConfigException(split.path(), "ratios " + describe(values[0], values[1], values[2], values[3])
          + " sum to " + String.format(Locale.ROOT, "%.6g", sum) + "; they must sum to 1");
    }
    return new SplitRatios(values[0], values[1], values[2], values[3]);
  }

  /** The ratio of one split. */
  public double of(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case DEV -> dev;
      case VAL -> val;
      case TEST -> test;
    };
  }

  private static String describe(double train, double dev, double val, double test) {
    return String.format(Locale.ROOT, "{train=%s, dev=%s, val=%s, test=%s}", train, dev, val, test);
  }
}
