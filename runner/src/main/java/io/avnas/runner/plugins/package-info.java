/**
 * Plugin discovery: {@link io.avnas.runner.plugins.PluginRegistry} finds every factory of the four
 * SPIs with {@code ServiceLoader}, in the boot layer, in a module layer built from a plugins folder,
 * and on a class-path fallback for plain jars, and finds them by kind and id.
 */
package io.avnas.runner.plugins;
