package io.avnas.runner.plugins;

import io.avnas.api.PluginFactory;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.LayerInstantiationException;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads third-party plugin jars from a folder without a rebuild.
 *
 * <p>Each jar is first tried as a module in a new layer over the boot layer (one loader per jar, so
 * one bad jar cannot stop the others). A jar that does not resolve as a module, such as a plain jar
 * with only {@code META-INF/services}, falls back to a class loader of its own. A jar that fails
 * both ways is reported by file name.
 */
public final class PluginLoader {

  /** The result: lookups for the registry, class loaders for {@code reference.conf}, and problems. */
  public record Loaded(
      List<Function<Class<? extends PluginFactory>, ServiceLoader<? extends PluginFactory>>> lookups,
      List<ClassLoader> classLoaders,
      List<String> warnings) {}

  private PluginLoader() {}

  /**
   * Builds the plugin sources: the application itself, then each jar in {@code dir}.
   *
   * @param dir the plugins folder; a missing folder simply adds nothing
   * @param appLoader the class loader of the application (boot layer or class path)
   */
  public static Loaded load(Path dir, ClassLoader appLoader) {
    List<Function<Class<? extends PluginFactory>, ServiceLoader<? extends PluginFactory>>> lookups = new ArrayList<>();
    List<ClassLoader> loaders = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    lookups.add(spi -> ServiceLoader.load(spi, appLoader));
    loaders.add(appLoader);
    ModuleLayer parent = PluginLoader.class.getModule().getLayer();
    for (Path jar : jars(dir, warnings)) {
      String name = jar.getFileName().toString();
      if (parent != null) {
        try {
          ModuleLayer layer = moduleLayer(jar, parent, appLoader);
          ClassLoader loader = layer.modules().iterator().next().getClassLoader();
          lookups.add(spi -> ServiceLoader.load(layer, spi));
          loaders.add(loader);
          continue;
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
          // Not a resolvable module: try it as a plain jar below.
        } catch (RuntimeException e) {
          warnings.add(name + ": could not be loaded as a module (" + e.getMessage() + "); trying the class path");
        }
      }
      try {
        URLClassLoader loader = new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, appLoader);
        lookups.add(spi -> ServiceLoader.load(spi, loader));
        loaders.add(loader);
      } catch (MalformedURLException e) {
        warnings.add(name + ": could not be loaded: " + e.getMessage());
      }
    }
    return new Loaded(lookups, loaders, warnings);
  }

  private static ModuleLayer moduleLayer(Path jar, ModuleLayer parent, ClassLoader appLoader) {
    ModuleFinder finder = ModuleFinder.of(jar);
    Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor)
        .map(d -> d.name()).collect(Collectors.toSet());
    Configuration configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
    return parent.defineModulesWithOneLoader(configuration, appLoader);
  }

  private static List<Path> jars(Path dir, List<String> warnings) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      warnings.add("plugins folder " + dir + " could not be listed: " + e.getMessage());
      return List.of();
    }
  }
}
