package io.avnas.support.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.PluginFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The {@code reference.conf} of the jar (or classes folder) a plugin class comes from, on its own.
 *
 * <p>Typesafe Config merges every {@code reference.conf} on a class path into one tree, and for a
 * key that two files set, the file found first wins. A shared key such as {@code
 * avnas.estimator.tau} is declared by platform-api and may be set again by a plugin (ReinMax runs at
 * tau = 1, not platform-api's 0.1), so that order would decide the default silently. The runner and
 * the contract kit therefore put the chosen plugin's own file above all the others: its values are
 * the defaults for its block. Keys it does not set fall back to platform-api's file ({@link
 * #shared()}), and only then to the merged references, so another plugin's file cannot change a
 * shared default either.
 */
public final class PluginReference {
  /** The resource every module's defaults live in. */
  public static final String RESOURCE = "reference.conf";

  private PluginReference() {}

  /**
   * Where the plugin class's own {@code reference.conf} is: inside its jar or classes folder.
   *
   * @return the URL, or empty if that jar or folder has no {@code reference.conf}
   */
  public static Optional<URL> url(Class<?> pluginClass) {
    CodeSource source = pluginClass.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      URI location = source.getLocation().toURI();
      Path path = Path.of(location);
      if (Files.isDirectory(path)) {
        Path file = path.resolve(RESOURCE);
        return Files.isRegularFile(file) ? Optional.of(file.toUri().toURL()) : Optional.empty();
      }
      URL inJar = new URL("jar:" + location + "!/" + RESOURCE);
      try (InputStream probe = inJar.openStream()) {
        return Optional.of(inJar);
      } catch (IOException missing) {
        return Optional.empty();
      }
    } catch (URISyntaxException | IllegalArgumentException | MalformedURLException e) {
      return Optional.empty();
    }
  }

  /**
   * The platform's shared defaults: platform-api's {@code reference.conf} ({@code
   * avnas.estimator.tau}, ...) over platform-support's ({@code avnas.preprocess}, the shared {@code
   * avnas.dataset} options).
   */
  public static Config shared() {
    return of(PluginFactory.class).withFallback(of(PluginReference.class));
  }

  /** The plugin class's own {@code reference.conf}, parsed but not resolved; empty if it has none. */
  public static Config of(Class<?> pluginClass) {
    return url(pluginClass).map(PluginReference::parse).orElse(ConfigFactory.empty());
  }

  /**
   * What the plugin class's own {@code reference.conf} sets under {@code path} (e.g. {@code
   * avnas.estimator}), kept at that path so it can be layered over the merged references.
   */
  public static Config block(Class<?> pluginClass, String path) {
    Config own = of(pluginClass);
    try {
      return own.hasPath(path) ? own.withOnlyPath(path) : ConfigFactory.empty();
    } catch (ConfigException e) {
      return ConfigFactory.empty();
    }
  }

  private static Config parse(URL url) {
    try {
      return ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException(url.toString(), "cannot parse the plugin's reference.conf: " + e.getMessage());
    }
  }
}
