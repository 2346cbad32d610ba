package io.avnas.runner.config;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.util.regex.Pattern;

/**
 * The runner's own core keys, read once with their ranges checked in this one place. Plugin keys
 * are checked by the plugins' {@code validate}; each stage's keys by its settings record, all read
 * together into a {@link RunPlan}.
 *
 * @param seed {@code avnas.seed}, in [0, 2^31 - 1] (torch takes an int seed)
 * @param device {@code avnas.device}: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param runName {@code avnas.run.name}: one folder name (no '/')
 * @param runDir {@code avnas.run.dir}: the folder that holds run folders
 */
public record RunSettings(int seed, String device, String runName, String runDir) {
  /** {@code auto | cpu | gpu | gpu:N}, lower case. */
  public static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu(:\\d{1,3})?");

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
    return new RunSettings(seed, device, name, dir);
  }
}
