package io.avnas.datasets.av.synthetic;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The generator's settings, from {@code avnas.dataset.synthetic}.
 *
 * @param clips number of clips
 * @param identities number of people; clips are spread evenly over them
 * @param frames T, frames per clip (spread evenly over {@code seconds})
 * @param height frame height in pixels (native; preprocessing resizes)
 * @param width frame width in pixels
 * @param seconds clip duration; the audio has {@code seconds * 16000} samples
 * @param difficulty 0 (strong artefacts, little noise) to 1 (faint artefacts, much noise)
 * @param mix relative weight of each category (normalised; zero leaves a category out)
 */
public record SyntheticSettings(
    int clips, int identities, int frames, int height, int width, double seconds, double difficulty, Map<Category, Double> mix) {
  /** Changes whenever the generator would produce different clips for the same settings. */
  public static final int GENERATOR_VERSION = 1;
  /** Every synthetic clip is 16 kHz mono, the rate of the paper's pipeline. */
  public static final int SAMPLE_RATE = 16_000;

  public SyntheticSettings {
    mix = Map.copyOf(new EnumMap<>(mix));
  }

  /** Reads and validates {@code synthetic} from the {@code avnas.dataset} block. */
  public static SyntheticSettings from(ConfigBlock datasetBlock) {
    ConfigBlock block = datasetBlock.block("synthetic");
    int clips = block.getInt("clips", 1, 10_000_000);
    int identities = block.getInt("identities", 1, clips);
    int frames = block.getInt("frames", 1, 1000);
    int height = block.getInt("height", 8, 2048);
    int width = block.getInt("width", 8, 2048);
    double seconds = block.getDouble("seconds", 0.1, 60);
    double difficulty = block.getDouble("difficulty", 0, 1);
    ConfigBlock mixBlock = block.block("mix");
    Map<Category, Double> mix = new EnumMap<>(Category.class);
    double sum = 0;
    for (Category category : Category.values()) {
      double weight = mixBlock.getDouble(category.id(), 0, 1e9);
      mix.put(category, weight);
      sum += weight;
    }
    if (sum <= 0) {
      throw new InvalidConfigException(mixBlock.path(), "all weights are 0; give at least one category a positive weight");
    }
    if (mix.get(Category.A) <= 0 || sum - mix.get(Category.A) <= 0) {
      throw new InvalidConfigException(mixBlock.path(), "needs real (A) and at least one fake category with positive weights");
    }
    return new SyntheticSettings(clips, identities, frames, height, width, seconds, difficulty, mix);
  }

  /** Artefact strength in (0, 1]: 1 at difficulty 0, 0.3 at difficulty 1. */
  public double artefactStrength() {
    return 1 - 0.7 * difficulty;
  }

  /** Standard deviation of the per-pixel sensor noise. */
  public double videoNoise() {
    return 0.01 + 0.04 * difficulty;
  }

  /** Speech-to-background-noise ratio in dB. */
  public double audioSnrDb() {
    return 35 - 25 * difficulty;
  }

  public int samples() {
    return (int) Math.round(seconds * SAMPLE_RATE);
  }

  /** A hash of the settings, the seed and the generator version: the provider's fingerprint. */
  public String fingerprint(long seed) {
    StringBuilder text = new StringBuilder("synthetic/v").append(GENERATOR_VERSION).append(" seed=").append(seed)
        .append(" clips=").append(clips).append(" identities=").append(identities).append(" frames=").append(frames)
        .append(" size=").append(height).append('x').append(width).append(" seconds=").append(seconds)
        .append(" difficulty=").append(difficulty);
    for (Category category : Category.values()) {
      text.append(' ').append(category.id()).append('=').append(mix.get(category));
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return "synthetic-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
