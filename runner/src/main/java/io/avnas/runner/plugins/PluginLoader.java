package io.avnas.runner.plugins;

import java.io.IOException;
import java.lang.LayerInstantiationException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
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
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Loads third-party plugin jars from a folder without a rebuild.
 *
 * <p>A modular jar (one with {@code module-info.class}) becomes a module layer of its own over the
 * runner's layer, so its {@code provides} clauses are honoured and its packages stay encapsulated.
 * This needs the runner itself to run as a named module (as {@code ./avnas} does). A plain jar, or a
 * modular jar that does not resolve as a module (reported), gets a class loader of its own instead,
 * where {@code META-INF/services} registers its providers. One loader per jar means one bad jar
 * cannot stop the others: a file that is not a readable jar is reported by file name and skipped.
 */
public final class PluginLoader {

  /** The sources, application first, and the problems met while building them. */
  public record Loaded(List<PluginSource> sources, List<String> warnings) {
    public Loaded {
      sources = List.copyOf(sources);
      warnings = List.copyOf(warnings);
    }

    /** Class loaders whose {@code reference.conf} files form the configuration schema, in order. */
    public List<ClassLoader> classLoaders() {
      return sources.stream().map(PluginSource::loader).collect(Collectors.toList());
    }
  }

  private PluginLoader() {}

  /**
   * Builds the plugin sources: the application itself, then each jar in {@code dir} by file name.
   *
   * @param dir the plugins folder; a missing folder adds nothing
   * @param appLoader the class loader of the application (boot layer or class path)
   */
  public static Loaded load(Path dir, ClassLoader appLoader) {
    return load(dir, appLoader, PluginLoader.class.getModule().getLayer());
  }

  /**
   * As {@link #load(Path, ClassLoader)} with an explicit parent layer.
   *
   * @param parent the layer plugin modules resolve against ({@code io.avnas.api} must be in it), or
   *     {@code null} when the runner runs on the class path: then every jar uses the class-path route
   */
  static Loaded load(Path dir, ClassLoader appLoader, ModuleLayer parent) {
    List<PluginSource> sources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    sources.add(PluginSource.application(appLoader));
    for (Path jar : jars(dir, warnings)) {
      String name = jar.getFileName().toString();
      boolean modular;
      try {
        modular = isModular(jar);
      } catch (IOException e) {
        warnings.add(name + ": not a readable jar (" + e.getMessage() + "); skipped. Replace it with a jar built by `mvn package`.");
        continue;
      }
      if (modular && parent != null) {
        try {
          ModuleLayer layer = moduleLayer(jar, parent, appLoader);
          ClassLoader loader = layer.modules().iterator().next().getClassLoader();
          sources.add(new PluginSource(name, jar, spi -> ServiceLoader.load(layer, spi), loader));
          continue;
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
          warnings.add(name + ": does not resolve as a module (" + e.getMessage() + "); loading it on the class path instead");
        }
      }
      try {
        URLClassLoader loader = new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, appLoader);
        sources.add(new PluginSource(name, jar, spi -> ServiceLoader.load(spi, loader), loader));
      } catch (MalformedURLException e) {
        warnings.add(name + ": could not be loaded (" + e.getMessage() + "); skipped");
      }
    }
    return new Loaded(sources, warnings);
  }

  /** Opens the jar (which also proves it is a readable zip) and looks for a module descriptor. */
  private static boolean isModular(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
      if (file.size() == 0) {
        throw new IOException("the jar has no entries");
      }
      return file.getJarEntry("module-info.class") != null;
    }
  }

  private static ModuleLayer moduleLayer(Path jar, ModuleLayer parent, ClassLoader appLoader) {
    ModuleFinder finder = ModuleFinder.of(jar);
    Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor)
        .map(ModuleDescriptor::name).collect(Collectors.toSet());
    Configuration configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
    return parent.defineModulesWithOneLoader(configuration, appLoader);
  }

  private static List<Path> jars(Path dir, List<String> warnings) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar") && !Files.isDirectory(p))
          .sorted().collect(Collectors.toList());
    } catch (IOException e) {
      warnings.add("plugins folder " + dir + " could not be listed (" + e.getMessage() + "); no third-party plugins loaded");
      return List.of();
    }
  }
}
