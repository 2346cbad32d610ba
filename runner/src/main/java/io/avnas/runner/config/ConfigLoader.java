package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.avnas.api.InvalidConfigException;
import io.avnas.support.config.PluginReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads the {@code avnas} tree: references, then an optional profile or user file, then overrides.
 *
 * <p>References are read with every class loader that holds plugins, so third-party plugins in a
 * module layer contribute their own {@code reference.conf}.
 */
public final class ConfigLoader {
  /** The profile used when a command is given no file: small, fast settings on synthetic data. */
  public static final String QUICKSTART_RESOURCE = "io/avnas/runner/quickstart.conf";

  private final List<ClassLoader> loaders;

  /** @param loaders class loaders whose {@code reference.conf} files form the schema */
  public ConfigLoader(List<ClassLoader> loaders) {
    this.loaders = List.copyOf(loaders);
  }

  /**
   * The merged {@code reference.conf} of every loader, resolved. The platform's own files come first
   * (platform-api's shared defaults, platform-support's for preprocessing and the shared dataset
   * options, then the runner's), so a plugin's file, wherever it sits on the
   * module path, cannot change a shared default such as {@code avnas.estimator.tau}: a plugin's value
   * for a shared key applies only when that plugin is chosen ({@link PluginDefaults}).
   */
  public Config reference() {
    Config merged = PluginReference.shared().withFallback(PluginReference.of(ConfigLoader.class));
    for (ClassLoader loader : loaders) {
      merged = merged.withFallback(ConfigFactory.parseResourcesAnySyntax(loader, "reference.conf"));
    }
    return merged.resolve();
  }

  /**
   * Loads and validates a configuration.
   *
   * @param file the user's HOCON file, or {@code null} for the bundled quickstart profile
   * @param overrides {@code key=value} pairs from {@code -D}; values are parsed as HOCON when they
   *     parse, and taken as plain strings otherwise (so {@code gpu:0} or a path works unquoted)
   * @return the resolved, validated configuration
   * @throws InvalidConfigException naming the key, the value and what is allowed
   */
  public Config load(Path file, Map<String, String> overrides) {
    return load(file, overrides, PluginDefaults.NONE).resolved();
  }

  /**
   * A loaded configuration and the layers it was made of.
   *
   * @param resolved the resolved, validated configuration
   * @param explicit what the user wrote: the {@code -D} overrides over the config file (the bundled
   *     quickstart profile is not the user's), unresolved
   * @param defaults the chosen plugins' own defaults over the merged references, resolved: the value
   *     each key would have had if the user had not set it
   * @param plan every stage's settings, read and range-checked from {@code resolved}
   */
  public record Loaded(Config resolved, Config explicit, Config defaults, RunPlan plan) {}

  /**
   * Loads and validates a configuration, with the chosen plugins' own defaults between the user's
   * layers and the merged references: overrides, then the file (or quickstart profile), then {@code
   * plugins}, then every reference.conf.
   */
  public Loaded load(Path file, Map<String, String> overrides, PluginDefaults plugins) {
    Config reference = reference();
    Config user = file == null ? quickstart() : parseFile(file);
    Config top = parseOverrides(overrides).withFallback(user);
    ConfigValidator validator = new ConfigValidator(reference);
    Config selected = resolve(top.withFallback(reference));
    validator.validate(selected);
    Config own = plugins.layer(selected);
    Config defaults = own.withFallback(reference).resolve();
    Config resolved = own.isEmpty() ? selected : resolve(top.withFallback(defaults));
    validator.validate(resolved);
    RunPlan plan = RunPlan.of(resolved);
    Config explicit = parseOverrides(overrides).withFallback(file == null ? ConfigFactory.empty() : user);
    return new Loaded(resolved, explicit, defaults, plan);
  }

  private static Config resolve(Config merged) {
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException(originKey(e), withoutOrigin(e)
          + " (define it, or write ${?name} for an optional substitution)");
    }
  }

  private Config quickstart() {
    for (ClassLoader loader : loaders) {
      if (loader.getResource(QUICKSTART_RESOURCE) != null) {
        return ConfigFactory.parseResources(loader, QUICKSTART_RESOURCE);
      }
    }
    return ConfigFactory.empty();
  }

  private static Config parseFile(Path file) {
    String name = file.toAbsolutePath().normalize().toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(name, "the config file does not exist or is not a file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      String line = e.origin() != null && e.origin().lineNumber() > 0 ? "line " + e.origin().lineNumber() + ": " : "";
      throw new InvalidConfigException(name, "cannot parse HOCON: " + line + withoutOrigin(e));
    }
  }

  /**
   * Turns {@code -D} pairs into a config. A value that HOCON reads as a number, boolean, list,
   * object, null or quoted string keeps that type; anything else is taken literally, so {@code
   * gpu:0}, {@code /data/x} or {@code exp#2} arrive unchanged instead of being cut at ':', '//' or
   * '#'. Keys must lie under {@code avnas}.
   */
  static Config parseOverrides(Map<String, String> overrides) {
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      String key = entry.getKey().trim();
      String value = Objects.requireNonNullElse(entry.getValue(), "");
      if (!key.startsWith(ConfigValidator.ROOT + ".")) {
        throw new InvalidConfigException(key, "-D" + key + " is not under avnas; -D overrides avnas keys only, e.g. -Davnas.seed=7");
      }
      Config one;
      try {
        one = ConfigFactory.empty().withValue(key, typed(key, value));
      } catch (ConfigException.BadPath bad) {
        throw new InvalidConfigException(key, "is not a valid key (" + bad.getMessage() + ")");
      }
      config = one.withFallback(config);
    }
    return config;
  }

  private static ConfigValue typed(String key, String value) {
    String trimmed = value.trim();
    try {
      ConfigValue parsed = ConfigFactory.parseString("v = " + trimmed, ConfigParseOptions.defaults().setOriginDescription("-D" + key))
          .root().get("v");
      boolean quoted = trimmed.startsWith("\"");
      boolean cut = trimmed.contains("#") || trimmed.contains("//");
      if (parsed != null && (quoted || (parsed.valueType() != ConfigValueType.STRING && !cut))) {
        return parsed;
      }
    } catch (ConfigException e) {
      // Not HOCON (e.g. gpu:0): the literal string below is what the user meant.
    }
    return ConfigValueFactory.fromAnyRef(value, "-D" + key);
  }

  private static String originKey(ConfigException e) {
    return e.origin() == null ? "avnas" : e.origin().description();
  }

  /** Typesafe Config starts its messages with the origin, which our messages already name. */
  private static String withoutOrigin(ConfigException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = e.origin() == null ? null : e.origin().description() + ": ";
    return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
