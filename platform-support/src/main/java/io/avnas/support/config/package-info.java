/**
 * A plugin's own {@code reference.conf}, on its own ({@link io.avnas.support.config.PluginReference}):
 * how the runner and the contract kit layer the chosen plugin's defaults above the shared ones.
 */
package io.avnas.support.config;
