package io.avnas.runner.plugins;

import io.avnas.api.PluginFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * One place plugins are discovered from: the application itself (boot layer or class path), or one
 * jar of the plugins folder (its own module layer, or its own class loader for a plain jar).
 *
 * @param name shown in messages: {@code application} or the jar's file name
 * @param jar the jar, or {@code null} for the application
 * @param lookup from an SPI class to the ServiceLoader that searches this source
 * @param loader the class loader whose {@code reference.conf} belongs to this source
 */
public record PluginSource(
    String name,
    Path jar,
    Function<Class<? extends PluginFactory>, ServiceLoader<? extends PluginFactory>> lookup,
    ClassLoader loader) {

  /** The application's own plugins: whatever the given loader (and its module layer) can see. */
  public static PluginSource application(ClassLoader loader) {
    return new PluginSource("application", null, spi -> ServiceLoader.load(spi, loader), loader);
  }
}
