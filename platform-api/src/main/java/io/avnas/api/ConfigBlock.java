package io.avnas.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A plugin's block of the resolved configuration together with its full path, so that every error
 * names the full key ({@code avnas.estimator.tau}), the value and what is allowed.
 *
 * <p>The getters validate as they read; call them from {@link PluginFactory#validate(ConfigBlock)}
 * and again when creating the component, so both paths share one set of checks.
 *
 * <p>The runner validates each selected plugin through a {@linkplain #recording recording} block:
 * a key the user set that {@code validate} never reads is reported as unread (a warning, or an
 * error with {@code --strict}). So read every key you use in {@code validate}.
 */
public final class ConfigBlock {
  /** What {@link #readKeys()} holds once {@link #config()} was handed out: every key counts as read. */
  public static final String ALL_KEYS = "";

  private final String path;
  private final Config config;
  /** Relative keys read through this block or its sub-blocks, or null when nothing is recorded. */
  private final Set<String> reads;
  /** This block's key relative to the recording root, with a trailing '.', or "" at the root. */
  private final String prefix;

  public ConfigBlock(String path, Config config) {
    this(path, config, null, "");
  }

  private ConfigBlock(String path, Config config, Set<String> reads, String prefix) {
    this.path = Objects.requireNonNull(path, "path");
    this.config = Objects.requireNonNull(config, "config");
    this.reads = reads;
    this.prefix = prefix;
  }

  /**
   * A block that records the keys read through its getters (and those of its sub-blocks), so the
   * runner can tell which keys a plugin's {@code validate} never looked at.
   */
  public static ConfigBlock recording(String path, Config config) {
    return new ConfigBlock(path, config, Collections.synchronizedSet(new LinkedHashSet<>()), "");
  }

  /**
   * The keys read so far, relative to the recording block: a key, or the key of a sub-block (whose
   * whole subtree then counts as read), or {@link #ALL_KEYS} if {@link #config()} was called. Empty
   * for a block that does not record.
   */
  public Set<String> readKeys() {
    if (reads == null) {
      return Set.of();
    }
    synchronized (reads) {
      return Set.copyOf(reads);
    }
  }

  /**
   * True if the key (relative to the recording block) was read: directly, as part of a sub-block
   * that was read, or because the raw config was handed out.
   */
  public boolean wasRead(String relative) {
    for (String read : readKeys()) {
      if (read.equals(ALL_KEYS) || read.equals(relative) || relative.startsWith(read + ".")) {
        return true;
      }
    }
    return false;
  }

  private void record(String relative) {
    if (reads != null) {
      reads.add(relative == null ? ALL_KEYS : prefix + relative);
    }
  }

  /** The path of this block, e.g. {@code avnas.estimator}. */
  public String path() {
    return path;
  }

  /**
   * The underlying Typesafe Config, for plugins that need more than the checked getters. The runner
   * cannot see which keys are read through it, so afterwards every key of a recording block counts
   * as read (no unread-key warnings).
   */
  public Config config() {
    if (reads != null) {
      // The whole subtree of this block: at the root that is every key.
      reads.add(prefix.isEmpty() ? ALL_KEYS : prefix.substring(0, prefix.length() - 1));
    }
    return config;
  }

  /** The full key of a relative key in this block. */
  public String key(String relative) {
    return path.isEmpty() ? relative : path + "." + relative;
  }

  public boolean has(String relative) {
    record(relative);
    return config.hasPath(relative);
  }

  /** The sub-block at {@code relative}; it records its reads into this block's record. */
  public ConfigBlock block(String relative) {
    try {
      Config sub = config.getConfig(relative);
      if (reads == null) {
        return new ConfigBlock(key(relative), sub);
      }
      return new ConfigBlock(key(relative), sub, reads, prefix + relative + ".");
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be an object { ... }");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "an object { ... }");
    }
  }

  public String getString(String relative) {
    record(relative);
    try {
      return config.getString(relative);
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a string");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a string");
    }
  }

  /** A string that must be one of {@code allowed} (compared case-insensitively, returned lower case). */
  public String getChoice(String relative, List<String> allowed) {
    String value = getString(relative).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw InvalidConfigException.of(key(relative), value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** An enum constant, matched case-insensitively with '-' read as '_'. */
  public <E extends Enum<E>> E getEnum(String relative, Class<E> type) {
    String value = getString(relative);
    String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalised)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw InvalidConfigException.of(key(relative), value, "one of " + String.join(", ", names));
  }

  public boolean getBoolean(String relative) {
    record(relative);
    try {
      return config.getBoolean(relative);
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be true or false");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "true or false");
    }
  }

  /** An integer in [min, max]. A fractional value such as 3.5 is an error, not silently truncated. */
  public int getInt(String relative, int min, int max) {
    record(relative);
    Number number;
    try {
      number = config.getNumber(relative);
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be an integer in " + range(min, max));
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "an integer in " + range(min, max));
    }
    double value = number.doubleValue();
    if (value != Math.rint(value) || value < min || value > max) {
      throw InvalidConfigException.of(key(relative), number, "an integer in " + range(min, max));
    }
    return (int) value;
  }

  /** A finite number in [min, max]. */
  public double getDouble(String relative, double min, double max) {
    record(relative);
    double value;
    try {
      value = config.getDouble(relative);
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a number in " + range(min, max));
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a number in " + range(min, max));
    }
    if (!Double.isFinite(value) || value < min || value > max) {
      throw InvalidConfigException.of(key(relative), value, "a number in " + range(min, max));
    }
    return value;
  }

  /** A number strictly greater than {@code exclusiveMin}. */
  public double getPositiveDouble(String relative, double exclusiveMin) {
    double value = getDouble(relative, -Double.MAX_VALUE, Double.MAX_VALUE);
    if (value <= exclusiveMin) {
      throw InvalidConfigException.of(key(relative), value, "a number greater than " + exclusiveMin);
    }
    return value;
  }

  public List<String> getStringList(String relative) {
    record(relative);
    try {
      return List.copyOf(config.getStringList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of strings");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of strings, e.g. [a, b]");
    }
  }

  public List<Double> getDoubleList(String relative) {
    record(relative);
    try {
      return List.copyOf(config.getDoubleList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of numbers");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of numbers, e.g. [0.1, 0.5]");
    }
  }

  public List<Integer> getIntList(String relative) {
    record(relative);
    try {
      return List.copyOf(config.getIntList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of integers");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of integers, e.g. [10, 100]");
    }
  }

  /**
   * A list of objects, as Typesafe Config gives it (no checks on the elements; the caller checks
   * them). Counts as reading {@code relative}, unlike reading it through {@link #config()}.
   *
   * @throws ConfigException.Missing or ConfigException.WrongType, for the caller to word the error
   */
  public List<? extends ConfigObject> getObjectList(String relative) {
    record(relative);
    return config.getObjectList(relative);
  }

  private Object raw(String relative) {
    ConfigValue value = config.getValue(relative);
    return value.unwrapped();
  }

  private static String range(double min, double max) {
    return "[" + fmt(min) + ", " + fmt(max) + "]";
  }

  private static String fmt(double v) {
    // Only the double extremes mean "unbounded"; an int bound is a real limit and is shown as it is.
    if (v == Double.MAX_VALUE) {
      return "+inf";
    }
    if (v == -Double.MAX_VALUE) {
      return "-inf";
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
