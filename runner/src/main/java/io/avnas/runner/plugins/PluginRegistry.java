package io.avnas.runner.plugins;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.PluginFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every discovered plugin factory, by kind and id.
 *
 * <p>An unknown id fails with the list of ids that exist; two different providers of one id are an
 * error naming both sources.
 */
public final class PluginRegistry {

  /** One discovered factory and where it came from (a module name or a jar file). */
  public record Entry(PluginKind kind, PluginFactory factory, String origin) {
    public String id() {
      return factory.id();
    }
  }

  private final Map<PluginKind, Map<String, Entry>> byKind;
  private final List<String> warnings;

  private PluginRegistry(Map<PluginKind, Map<String, Entry>> byKind, List<String> warnings) {
    this.byKind = byKind;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Discovers factories through the given lookups, in order. The same provider class reached through
   * two lookups counts once.
   *
   * @param lookups one function per source, from SPI class to its ServiceLoader
   * @param warnings problems found while building the sources (e.g. a jar that failed to load)
   */
  public static PluginRegistry discover(
      List<Function<Class<? extends PluginFactory>, ServiceLoader<? extends PluginFactory>>> lookups,
      List<String> warnings) {
    Map<PluginKind, Map<String, Entry>> byKind = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>(warnings);
    for (PluginKind kind : PluginKind.values()) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      Map<Class<?>, Boolean> seen = new IdentityHashMap<>();
      for (var lookup : lookups) {
        var iterator = lookup.apply(kind.spi()).stream().iterator();
        while (true) {
          ServiceLoader.Provider<? extends PluginFactory> provider;
          try {
            if (!iterator.hasNext()) {
              break;
            }
            provider = iterator.next();
          } catch (ServiceConfigurationError e) {
            problems.add("a " + kind.label() + " provider could not be loaded: " + e.getMessage());
            continue;
          }
          if (seen.put(provider.type(), Boolean.TRUE) != null) {
            continue;
          }
          PluginFactory factory;
          try {
            factory = provider.get();
          } catch (ServiceConfigurationError | RuntimeException e) {
            problems.add(provider.type().getName() + " (" + originOf(provider.type()) + ") failed to start: " + e.getMessage());
            continue;
          }
          Entry entry = new Entry(kind, factory, originOf(provider.type()));
          Entry clash = entries.putIfAbsent(factory.id(), entry);
          if (clash != null) {
            throw new IllegalStateException("two " + kind.label() + " plugins have the id '" + factory.id() + "': "
                + clash.factory().getClass().getName() + " from " + clash.origin() + " and "
                + factory.getClass().getName() + " from " + entry.origin() + ". Remove one of them.");
          }
        }
      }
      byKind.put(kind, entries);
    }
    return new PluginRegistry(byKind, problems);
  }

  /** Discovers what the given class loader (and its module, if named) can see. */
  public static PluginRegistry discover(ClassLoader loader) {
    return discover(List.of(spi -> ServiceLoader.load(spi, loader)), List.of());
  }

  /** Every entry, by kind then id. */
  public List<Entry> entries() {
    return byKind.values().stream()
        .flatMap(m -> m.values().stream())
        .sorted(Comparator.comparing((Entry e) -> e.kind().ordinal()).thenComparing(Entry::id))
        .collect(Collectors.toList());
  }

  /** Problems met during discovery; shown by {@code avnas plugins} and logged by other commands. */
  public List<String> warnings() {
    return warnings;
  }

  public Optional<Entry> lookup(PluginKind kind, String id) {
    return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(id));
  }

  /**
   * The factory of a kind and id.
   *
   * @param key the config key that selected it, for the error message
   * @throws InvalidConfigException if no such plugin exists, listing the ids that do
   */
  public <F extends PluginFactory> F get(Class<F> spi, PluginKind kind, String id, String key) {
    Entry entry = lookup(kind, id).orElseThrow(() -> InvalidConfigException.of(key, id,
        "one of the " + kind.label() + " ids " + ids(kind) + " (see `avnas plugins`; third-party jars go in ./plugins or --plugins DIR)"));
    return spi.cast(entry.factory());
  }

  public List<String> ids(PluginKind kind) {
    return new ArrayList<>(byKind.getOrDefault(kind, Map.of()).keySet()).stream().sorted().collect(Collectors.toList());
  }

  static String originOf(Class<?> type) {
    Module module = type.getModule();
    if (module.isNamed()) {
      return "module " + module.getName();
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "class path";
    }
    try {
      return Path.of(source.getLocation().toURI()).getFileName().toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }
}
