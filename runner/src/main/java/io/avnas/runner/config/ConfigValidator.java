package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.avnas.api.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a resolved configuration against the merged references: every key under {@code avnas}
 * must be declared by a reference, and its value must have the reference value's type. Ranges are
 * checked by the owners of the keys (plugins in {@code validate}, the runner in its settings
 * records).
 */
public final class ConfigValidator {
  static final String ROOT = "avnas";
  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  private final Config reference;

  public ConfigValidator(Config reference) {
    this.reference = reference;
  }

  /** @throws InvalidConfigException for the first unknown key or wrong type found */
  public void validate(Config config) {
    if (!config.hasPath(ROOT)) {
      throw new InvalidConfigException(ROOT, "is missing");
    }
    walk(ROOT, config.getObject(ROOT), reference.getObject(ROOT), config);
  }

  private void walk(String path, ConfigObject actual, ConfigObject expected, Config config) {
    for (Map.Entry<String, ConfigValue> entry : actual.entrySet()) {
      String key = path + "." + quote(entry.getKey());
      ConfigValue schema = expected.get(entry.getKey());
      if (schema == null) {
        String given = entry.getValue().valueType() == ConfigValueType.OBJECT ? "" : " (set to " + entry.getValue().render(CONCISE) + ")";
        throw new InvalidConfigException(key, "is not a known key" + given + ". Known keys under " + path + ": " + known(expected)
            + suggestion(entry.getKey(), expected));
      }
      ConfigValue value = entry.getValue();
      if (schema.valueType() == ConfigValueType.OBJECT) {
        if (value.valueType() != ConfigValueType.OBJECT) {
          throw InvalidConfigException.of(key, value.unwrapped(), "an object { ... } with keys " + known((ConfigObject) schema));
        }
        walk(key, (ConfigObject) value, (ConfigObject) schema, config);
      } else {
        checkType(key, schema.valueType(), config);
      }
    }
  }

  private static void checkType(String key, ConfigValueType type, Config config) {
    try {
      switch (type) {
        case NUMBER -> config.getDouble(key);
        case BOOLEAN -> config.getBoolean(key);
        case STRING -> config.getString(key);
        case LIST -> config.getList(key);
        default -> { }
      }
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.of(key, config.getValue(key).unwrapped(), describe(type));
    }
  }

  private static String describe(ConfigValueType type) {
    return switch (type) {
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case STRING -> "a string";
      case LIST -> "a list [ ... ]";
      case OBJECT -> "an object { ... }";
      default -> type.name().toLowerCase();
    };
  }

  private static String known(ConfigObject object) {
    return String.join(", ", new TreeSet<>(object.keySet()));
  }

  private static String suggestion(String key, ConfigObject expected) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : expected.keySet()) {
      int d = distance(key.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? ". Did you mean '" + best + "'?" : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String quote(String key) {
    List<Character> special = new ArrayList<>(List.of('.', ' ', ':', '"'));
    for (char c : special) {
      if (key.indexOf(c) >= 0) {
        return "\"" + key + "\"";
      }
    }
    return key;
  }
}
