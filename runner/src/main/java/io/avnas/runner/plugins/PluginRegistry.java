package io.avnas.runner.plugins;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.PluginFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every discovered plugin factory, by kind and id.
 *
 * <p>An unknown id fails with the list of ids that exist; two different providers of one id are an
 * error naming both sources. A provider that cannot be loaded or instantiated is reported (with the
 * jar it came from) and skipped, so it cannot stop the others.
 */
public final class PluginRegistry {

  /** One discovered factory and where it came from (a module name and/or a jar file). */
  public record Entry(PluginKind kind, PluginFactory factory, String origin) {
    public String id() {
      return factory.id();
    }
  }

  /** What {@code PluginFactory.id()} promises: it is typed in configs and on command lines. */
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Map<PluginKind, Map<String, Entry>> byKind;
  private final List<String> warnings;

  private PluginRegistry(Map<PluginKind, Map<String, Entry>> byKind, List<String> warnings) {
    this.byKind = byKind;
    this.warnings = List.copyOf(warnings);
  }

  /** Discovers the plugins of a loaded plugins folder, keeping the loader's warnings. */
  public static PluginRegistry discover(PluginLoader.Loaded loaded) {
    return discover(loaded.sources(), loaded.warnings());
  }

  /**
   * Discovers factories in the given sources, in order. A provider class reached through two sources
   * (a jar's loader also sees the application) counts once, for the first source.
   *
   * @param warnings problems found while building the sources, kept in front of discovery's own
   * @throws PluginException if two different providers of one kind share an id
   */
  public static PluginRegistry discover(List<PluginSource> sources, List<String> warnings) {
    Map<PluginKind, Map<String, Entry>> byKind = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>(warnings);
    Map<PluginSource, Integer> found = new IdentityHashMap<>();
    for (PluginKind kind : PluginKind.values()) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (PluginSource source : sources) {
        for (ServiceLoader.Provider<? extends PluginFactory> provider : providers(kind, source, problems)) {
          if (!seen.add(provider.type())) {
            continue;
          }
          String origin = originOf(provider.type(), source);
          PluginFactory factory;
          try {
            factory = provider.get();
          } catch (ServiceConfigurationError | LinkageError e) {
            problems.add(origin + ": " + kind.label() + " plugin " + provider.type().getName()
                + " failed to start (" + rootMessage(e) + "); skipped");
            continue;
          }
          found.merge(source, 1, Integer::sum);
          if (factory.id() == null || !ID.matcher(factory.id()).matches()) {
            problems.add(origin + ": " + kind.label() + " plugin " + provider.type().getName() + " has the id '" + factory.id()
                + "', but ids are lower-case letters, digits and '-' (e.g. my-estimator); skipped");
            continue;
          }
          Entry entry = new Entry(kind, factory, origin);
          Entry clash = entries.putIfAbsent(factory.id(), entry);
          if (clash != null) {
            throw new PluginException("two " + kind.label() + " plugins have the id '" + factory.id() + "': "
                + clash.factory().getClass().getName() + " from " + clash.origin() + " and "
                + factory.getClass().getName() + " from " + entry.origin() + ". Remove one of them.");
          }
        }
      }
      byKind.put(kind, entries);
    }
    for (PluginSource source : sources) {
      if (source.jar() != null && !found.containsKey(source) && problems.stream().noneMatch(p -> p.startsWith(source.name()))) {
        problems.add(source.name() + ": contains no avnas plugin (no provider of "
            + Arrays.stream(PluginKind.values()).map(k -> k.spi().getSimpleName()).collect(Collectors.joining(", "))
            + " in module-info or META-INF/services)");
      }
    }
    return new PluginRegistry(byKind, problems);
  }

  /** Discovers what the given class loader (and its module layer, if named) can see. */
  public static PluginRegistry discover(ClassLoader loader) {
    return discover(List.of(PluginSource.application(loader)), List.of());
  }

  /** The providers of one kind in one source; one that cannot even be loaded is reported and skipped. */
  private static List<ServiceLoader.Provider<? extends PluginFactory>> providers(
      PluginKind kind, PluginSource source, List<String> problems) {
    List<ServiceLoader.Provider<? extends PluginFactory>> providers = new ArrayList<>();
    Iterator<? extends ServiceLoader.Provider<? extends PluginFactory>> iterator = source.lookup().apply(kind.spi()).stream().iterator();
    // ServiceLoader moves past a bad entry after reporting it; the bound guards against a loader that does not.
    for (int errors = 0; errors < 100; ) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        providers.add(iterator.next());
      } catch (ServiceConfigurationError e) {
        errors++;
        problems.add(source.name() + ": a " + kind.label() + " provider could not be loaded (" + rootMessage(e) + "); skipped");
      }
    }
    return providers;
  }

  /** Every entry, by kind then id. */
  public List<Entry> entries() {
    return byKind.values().stream()
        .flatMap(m -> m.values().stream())
        .sorted(Comparator.comparing((Entry e) -> e.kind().ordinal()).thenComparing(Entry::id))
        .collect(Collectors.toList());
  }

  /** Problems met during discovery; shown by every command on stderr. */
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

  /** The ids of one kind, sorted. */
  public List<String> ids(PluginKind kind) {
    return byKind.getOrDefault(kind, Map.of()).keySet().stream().sorted().collect(Collectors.toList());
  }

  /**
   * Where a provider class came from: its module name when it has one, and the jar of a plugins
   * folder source, e.g. {@code module io.avnas.example.estimator (avnas-estimator-example.jar)}.
   */
  static String originOf(Class<?> type, PluginSource source) {
    Module module = type.getModule();
    String jar = source.jar() != null ? source.jar().getFileName().toString() : codeSource(type);
    if (module.isNamed()) {
      return source.jar() != null ? "module " + module.getName() + " (" + jar + ")" : "module " + module.getName();
    }
    return jar;
  }

  private static String codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "class path";
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      // A module's target/classes folder says less than its artifact folder name.
      return path.getFileName().toString().equals("classes") && path.getParent() != null && path.getParent().getParent() != null
          ? path.getParent().getParent().getFileName() + "/target/classes"
          : path.getFileName().toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + message;
  }
}
