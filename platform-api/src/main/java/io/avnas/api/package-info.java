/**
 * Shared plugin contract: {@link io.avnas.api.PluginFactory} (what every factory has: an id, a
 * description, and config validation), {@link io.avnas.api.ConfigBlock} (typed, validated access to
 * a plugin's configuration block) and {@link io.avnas.api.InvalidConfigException}.
 *
 * <p>Lifecycle of a plugin: the runner discovers its factory with {@code ServiceLoader}; the
 * factory's constructor must be cheap and must not load native code. The runner then calls
 * {@link io.avnas.api.PluginFactory#validate(ConfigBlock)} before any work starts, and only after
 * every plugin validated does it ask the factory to create the component.
 */
package io.avnas.api;
