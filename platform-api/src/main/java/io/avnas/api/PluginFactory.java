package io.avnas.api;

/**
 * What every plugin factory has. Each SPI ({@code EstimatorFactory}, {@code SearchSpaceFactory},
 * {@code BackboneFactory}, {@code DatasetProviderFactory}) extends this interface.
 *
 * <p>Implementations need a public no-argument constructor that does no heavy work: discovery
 * instantiates every factory, including those that are never selected.
 */
public interface PluginFactory {

  /** The id a config selects this plugin by, e.g. {@code grmc}. Lower case, digits and '-'. */
  String id();

  /** One line that tells a user what this plugin is. */
  String description();

  /**
   * Checks this plugin's configuration block before any work starts. Throw {@link
   * InvalidConfigException} (typically via the checked getters of {@link ConfigBlock}) naming the
   * key, the value and what is allowed. The default accepts everything.
   *
   * @param block the plugin's block, e.g. {@code avnas.estimator}
   */
  default void validate(ConfigBlock block) {}
}
