package io.avnas.runner.workspace;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.config.PluginDefaults;
import io.avnas.runner.config.RunPlan;
import io.avnas.runner.config.RunSettings;
import io.avnas.runner.config.UnreadKeys;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.inject.AvnasModule;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginLoader;
import io.avnas.runner.plugins.PluginOrigin;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.support.config.PluginReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command works with: the discovered plugins, the validated configuration and the Guice
 * injector that binds the selected plugins.
 */
public final class Workspace {
  private final PluginRegistry registry;
  private final Config config;
  private final RunPlan plan;
  private final AvnasModule module;
  private final Injector injector;

  private Workspace(PluginRegistry registry, Config config, RunPlan plan, AvnasModule module) {
    this.registry = registry;
    this.config = config;
    this.plan = plan;
    this.module = module;
    this.injector = Guice.createInjector(module);
  }

  /**
   * The discovered plugins and the merged {@code reference.conf} of every source (application and
   * plugins folder), for commands that build plugins from defaults rather than from a user's config.
   */
  public record Discovered(PluginRegistry registry, Config reference) {
    /**
     * The defaults of the block at {@code path} for the plugin {@code id}: its own reference.conf over
     * the merged references, as {@code Workspace.open} layers them (empty if there are none).
     */
    public Config defaults(String path, PluginKind kind, String id) {
      Config own = registry.lookup(kind, id).map(e -> PluginReference.block(e.factory().getClass(), path))
          .orElse(ConfigFactory.empty());
      Config merged = own.withFallback(reference).resolve();
      return merged.hasPath(path) ? merged.getConfig(path) : ConfigFactory.empty();
    }
  }

  /** Discovers the plugins of the application and of {@code pluginsDir} only (no configuration). Warnings go to {@code err}. */
  public static PluginRegistry plugins(Path pluginsDir, PrintWriter err) {
    return discovered(pluginsDir, err).registry();
  }

  /** Discovers plugins and reads every source's reference.conf. Warnings go to {@code err}. */
  public static Discovered discovered(Path pluginsDir, PrintWriter err) {
    EngineSetup.enforceOffline();
    PluginLoader.Loaded loaded = PluginLoader.load(pluginsDir, Workspace.class.getClassLoader());
    return new Discovered(discover(loaded, err), new ConfigLoader(loaded.classLoaders()).reference());
  }

  /**
   * Discovers plugins, loads and validates the configuration, validates every selected plugin's
   * block and reads every stage's settings ({@link #plan()}), all before any work starts.
   *
   * @param pluginsDir the plugins folder
   * @param file the config file, or {@code null} for the quickstart profile
   * @param overrides {@code key -> value} overrides applied after the file
   */
  public static Workspace open(Path pluginsDir, Path file, Map<String, String> overrides, PrintWriter err) {
    return open(pluginsDir, file, overrides, false, err);
  }

  /**
   * As {@link #open(Path, Path, Map, PrintWriter)}; a key the user set in a plugin block that the
   * chosen plugin does not read is a warning on {@code err}, or with {@code strict} an error.
   *
   * @throws UserError for the first unread key when {@code strict}
   */
  public static Workspace open(Path pluginsDir, Path file, Map<String, String> overrides, boolean strict, PrintWriter err) {
    EngineSetup.enforceOffline();
    PluginLoader.Loaded loaded = PluginLoader.load(pluginsDir, Workspace.class.getClassLoader());
    PluginRegistry registry = discover(loaded, err);
    ConfigLoader.Loaded layers = new ConfigLoader(loaded.classLoaders()).load(file, overrides, ownDefaults(registry));
    Config config = layers.resolved();
    AvnasModule module = new AvnasModule(config, registry);
    for (Map.Entry<AvnasModule.Selection, ConfigBlock> read : module.validateSelection().entrySet()) {
      AvnasModule.Selection selection = read.getKey();
      for (UnreadKeys.Unread unread : UnreadKeys.find(layers, read.getValue(), selection.kind().label(), selection.id())) {
        if (strict) {
          // The message starts with the key already: "avnas: avnas.estimator.K (set to 5) is not read by ...".
          throw new UserError(unread.message() + " (an error with --strict)");
        }
        err.println("avnas: warning: " + unread.message() + " (--strict makes this an error)");
      }
    }
    err.flush();
    Workspace workspace = new Workspace(registry, config, layers.plan(), module);
    workspace.checkCrossDatasets();
    return workspace;
  }

  /**
   * Each {@code avnas.evaluate.cross} block, laid over {@code avnas.dataset} as the evaluation will
   * lay it, names a dataset plugin that accepts it: a typo there fails now, not after the search.
   */
  private void checkCrossDatasets() {
    for (ConfigBlock entry : plan.evaluate().cross()) {
      try {
        withBlock(AvnasModule.DATASET, PluginKind.DATASET, entry.config());
      } catch (InvalidConfigException e) {
        throw new InvalidConfigException(entry.path(), "this cross-dataset block, laid over avnas.dataset, is not a"
            + " valid dataset block: " + e.getMessage());
      }
    }
  }

  /** Each chosen plugin's own reference.conf block, layered above the merged references. */
  private static PluginDefaults ownDefaults(PluginRegistry registry) {
    return selected -> {
      Config layer = ConfigFactory.empty();
      for (AvnasModule.Selection s : new AvnasModule(selected, registry).selections()) {
        Config own = registry.lookup(s.kind(), s.id()).map(e -> PluginReference.block(e.factory().getClass(), s.path()))
            .orElse(ConfigFactory.empty());
        layer = layer.withFallback(own);
      }
      return layer;
    };
  }

  private static PluginRegistry discover(PluginLoader.Loaded loaded, PrintWriter err) {
    PluginRegistry registry = PluginRegistry.discover(loaded);
    registry.warnings().forEach(w -> err.println("avnas: warning: " + w));
    return registry;
  }

  /**
   * This workspace with one more value set (e.g. a backbone's {@code weights} a pipeline stage
   * produced); the selection is validated again.
   */
  public Workspace with(String path, String value) {
    return changed(config.withValue(path, ConfigValueFactory.fromAnyRef(value)));
  }

  /**
   * This workspace with the plugin block at {@code path} (e.g. {@code avnas.dataset}) replaced by
   * {@code block} over the current block, on the plugins already discovered, so a plugin from
   * {@code --plugins DIR} stays available. Keys neither sets come from the new plugin's own
   * reference.conf, as {@link #open} layers them.
   *
   * @param kind the kind of plugin the block selects, for its defaults
   */
  public Workspace withBlock(String path, PluginKind kind, Config block) {
    Config merged = block.withFallback(config.getConfig(path));
    String id = merged.hasPath("id") ? merged.getString("id") : "";
    Config own = registry.lookup(kind, id).map(e -> PluginReference.block(e.factory().getClass(), path))
        .orElse(ConfigFactory.empty());
    if (own.hasPath(path)) {
      merged = merged.withFallback(own.getConfig(path));
    }
    return changed(config.withValue(path, merged.resolve().root()));
  }

  private Workspace changed(Config changed) {
    AvnasModule changedModule = new AvnasModule(changed, registry);
    changedModule.validateSelection();
    return new Workspace(registry, changed, RunPlan.of(changed), changedModule);
  }

  public PluginRegistry registry() {
    return registry;
  }

  public Config config() {
    return config;
  }

  /** The runner's core keys (seed, device, run folder), range-checked. */
  public RunSettings settings() {
    return plan.run();
  }

  /** Every stage's settings (features, pretrain, search, retrain), range-checked when the workspace opened. */
  public RunPlan plan() {
    return plan;
  }

  public AvnasModule module() {
    return module;
  }

  public Injector injector() {
    return injector;
  }

  /** Where each selected plugin came from (id, version, module, jar and its SHA-256), in pipeline order. */
  public List<PluginOrigin> origins() {
    List<PluginOrigin> origins = new ArrayList<>();
    for (AvnasModule.Selection s : module.selections()) {
      registry.lookup(s.kind(), s.id())
          .ifPresent(e -> origins.add(PluginOrigin.of(s.path(), s.kind(), s.id(), e.factory().getClass())));
    }
    return origins;
  }
}
