package io.avnas.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A plugin's block of the resolved configuration together with its full path, so that every error
 * names the full key ({@code avnas.estimator.tau}), the value and what is allowed.
 *
 * <p>The getters validate as they read; call them from {@link PluginFactory#validate(ConfigBlock)}
 * and again when creating the component, so both paths share one set of checks.
 */
public final class ConfigBlock {
  private final String path;
  private final Config config;

  public ConfigBlock(String path, Config config) {
    this.path = Objects.requireNonNull(path, "path");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The path of this block, e.g. {@code avnas.estimator}. */
  public String path() {
    return path;
  }

  /** The underlying Typesafe Config, for plugins that need more than the checked getters. */
  public Config config() {
    return config;
  }

  /** The full key of a relative key in this block. */
  public String key(String relative) {
    return path.isEmpty() ? relative : path + "." + relative;
  }

  public boolean has(String relative) {
    return config.hasPath(relative);
  }

  /** The sub-block at {@code relative}. */
  public ConfigBlock block(String relative) {
    try {
      return new ConfigBlock(key(relative), config.getConfig(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be an object { ... }");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "an object { ... }");
    }
  }

  public String getString(String relative) {
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
    try {
      return List.copyOf(config.getStringList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of strings");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of strings, e.g. [a, b]");
    }
  }

  public List<Double> getDoubleList(String relative) {
    try {
      return List.copyOf(config.getDoubleList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of numbers");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of numbers, e.g. [0.1, 0.5]");
    }
  }

  public List<Integer> getIntList(String relative) {
    try {
      return List.copyOf(config.getIntList(relative));
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(key(relative), "is missing; it must be a list of integers");
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key(relative), raw(relative), "a list of integers, e.g. [10, 100]");
    }
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
