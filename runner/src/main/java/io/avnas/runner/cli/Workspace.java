package io.avnas.runner.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.Config;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.config.RunSettings;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.inject.AvnasModule;
import io.avnas.runner.plugins.PluginLoader;
import io.avnas.runner.plugins.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command works with: the discovered plugins, the validated configuration and the Guice
 * injector that binds the selected plugins.
 */
public final class Workspace {
  private final PluginRegistry registry;
  private final Config config;
  private final RunSettings settings;
  private final AvnasModule module;
  private final Injector injector;

  private Workspace(PluginRegistry registry, Config config, RunSettings settings, AvnasModule module) {
    this.registry = registry;
    this.config = config;
    this.settings = settings;
    this.module = module;
    this.injector = Guice.createInjector(module);
  }

  /** Discovers plugins only (no configuration). Warnings go to {@code err}. */
  public static PluginRegistry plugins(PluginOptions plugins, PrintWriter err) {
    EngineSetup.enforceOffline();
    return discover(PluginLoader.load(plugins.dir(), Workspace.class.getClassLoader()), err);
  }

  /**
   * Discovers plugins, loads and validates the configuration, and validates every selected plugin's
   * block, all before any work starts.
   */
  public static Workspace open(PluginOptions plugins, ConfigOptions options, PrintWriter err) {
    return open(plugins.dir(), options.file(), options.overrides(), err);
  }

  /**
   * As {@link #open(PluginOptions, ConfigOptions, PrintWriter)}, for programmatic callers such as
   * {@code compare} and {@code sweep}.
   *
   * @param pluginsDir the plugins folder
   * @param file the config file, or {@code null} for the quickstart profile
   * @param overrides {@code key -> value} overrides applied after the file
   */
  public static Workspace open(Path pluginsDir, Path file, Map<String, String> overrides, PrintWriter err) {
    EngineSetup.enforceOffline();
    PluginLoader.Loaded loaded = PluginLoader.load(pluginsDir, Workspace.class.getClassLoader());
    PluginRegistry registry = discover(loaded, err);
    Config config = new ConfigLoader(loaded.classLoaders()).load(file, overrides);
    AvnasModule module = new AvnasModule(config, registry);
    module.validateSelection();
    return new Workspace(registry, config, RunSettings.from(config), module);
  }

  private static PluginRegistry discover(PluginLoader.Loaded loaded, PrintWriter err) {
    PluginRegistry registry = PluginRegistry.discover(loaded);
    registry.warnings().forEach(w -> err.println("avnas: warning: " + w));
    return registry;
  }

  public PluginRegistry registry() {
    return registry;
  }

  public Config config() {
    return config;
  }

  /** The runner's core keys (seed, device, run folder, epochs, batch sizes), range-checked. */
  public RunSettings settings() {
    return settings;
  }

  public AvnasModule module() {
    return module;
  }

  public Injector injector() {
    return injector;
  }
}
