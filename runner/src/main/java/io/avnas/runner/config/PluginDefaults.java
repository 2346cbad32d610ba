package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The defaults that depend on which plugins a configuration selects: what each chosen plugin's own
 * {@code reference.conf} sets for its block. They sit between the user's layers and the merged
 * references, so a plugin's default for a shared key ({@code avnas.estimator.tau}) is used when that
 * plugin is chosen, and another plugin's reference.conf cannot change it.
 */
@FunctionalInterface
public interface PluginDefaults {
  /** No plugin-specific defaults: the merged references alone. */
  PluginDefaults NONE = selected -> ConfigFactory.empty();

  /**
   * @param selected the configuration resolved without plugin defaults, from which the chosen ids are read
   * @return full-path values (e.g. {@code avnas.estimator.tau}) to layer above the merged references
   */
  Config layer(Config selected);
}
