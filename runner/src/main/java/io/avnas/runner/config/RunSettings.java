package io.avnas.runner.config;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.util.regex.Pattern;

/**
 * The runner's own core keys, read once with their ranges checked in this one place. Plugin keys
 * are checked by the plugins' {@code validate}; keys other runner packages add are checked where
 * they are read.
 *
 * @param seed {@code avnas.seed}, in [0, 2^31 - 1] (torch takes an int seed)
 * @param device {@code avnas.device}: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param runName {@code avnas.run.name}: one folder name (no '/')
 * @param runDir {@code avnas.run.dir}: the folder that holds run folders
 * @param search {@code avnas.search.{epochs,batch-size}}
 * @param retrain {@code avnas.retrain.{epochs,batch-size}}
 */
public record RunSettings(int seed, String device, String runName, String runDir, Stage search, Stage retrain) {
  /** {@code auto | cpu | gpu | gpu:N}, lower case. */
  public static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu(:\\d{1,3})?");

  /** Epochs and batch size of one training stage, each at least 1. */
  public record Stage(int epochs, int batchSize) {
    static Stage read(ConfigBlock block) {
      return new Stage(block.getInt("epochs", 1, 100_000), block.getInt("batch-size", 1, 1_000_000));
    }
  }

  /**
   * Reads and range-checks the core keys of a resolved configuration.
   *
   * @throws InvalidConfigException naming the key, the value and what is allowed
   */
  public static RunSettings from(Config config) {
    ConfigBlock avnas = new ConfigBlock("avnas", config.getConfig("avnas"));
    int seed = avnas.getInt("seed", 0, Integer.MAX_VALUE);
    String device = avnas.getString("device").trim().toLowerCase(java.util.Locale.ROOT);
    if (!DEVICE.matcher(device).matches()) {
      throw InvalidConfigException.of(avnas.key("device"), avnas.getString("device"), "auto, cpu, gpu or gpu:N (N = 0, 1, ...)");
    }
    ConfigBlock run = avnas.block("run");
    String name = run.getString("name");
    if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw InvalidConfigException.of(run.key("name"), name, "a non-empty folder name without '/' (the run folder is <run.dir>/<run.name>)");
    }
    String dir = run.getString("dir");
    if (dir.isBlank()) {
      throw InvalidConfigException.of(run.key("dir"), dir, "a folder path, e.g. runs");
    }
    return new RunSettings(seed, device, name, dir, Stage.read(avnas.block("search")), Stage.read(avnas.block("retrain")));
  }
}
