package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The merged {@code reference.conf} of every loader, resolved. */
  public Config reference() {
    Config merged = ConfigFactory.empty();
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
    Config reference = reference();
    Config user = file == null ? quickstart() : parseFile(file);
    Config merged = parseOverrides(overrides).withFallback(user).withFallback(reference);
    Config resolved;
    try {
      resolved = merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException(originKey(e), e.getMessage());
    }
    new ConfigValidator(reference).validate(resolved);
    return resolved;
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
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException("FILE", "config file " + file.toAbsolutePath() + " does not exist or is not a file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException("FILE", "cannot parse " + file + ": " + e.getMessage());
    }
  }

  static Config parseOverrides(Map<String, String> overrides) {
    Config config = ConfigFactory.empty();
    List<String> keys = new ArrayList<>(overrides.keySet());
    for (String key : keys) {
      String value = Objects.requireNonNullElse(overrides.get(key), "");
      Config one;
      try {
        one = ConfigFactory.parseString(key + " = " + value);
        if (!one.hasPathOrNull(key)) {
          throw new InvalidConfigException(key, "override -D" + key + "=" + value + " does not set that key");
        }
      } catch (ConfigException e) {
        try {
          one = ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value, "-D" + key));
        } catch (ConfigException.BadPath bad) {
          throw new InvalidConfigException(key, "is not a valid key: " + bad.getMessage());
        }
      }
      config = one.withFallback(config);
    }
    return config;
  }

  private static String originKey(ConfigException e) {
    return e.origin() == null ? "avnas" : e.origin().description();
  }
}
