/**
 * The avnas platform API: the four plugin SPIs and the value types they exchange.
 *
 * <p>A plugin depends on this module (and on libraries) only. It declares its factory with
 * {@code provides ... with} here and in {@code META-INF/services}, so it works on the module path
 * and on the class path.
 */
module io.avnas.api {
  requires transitive ai.djl.api;
  requires transitive typesafe.config;

  exports io.avnas.api;
  exports io.avnas.api.estimator;
  exports io.avnas.api.backbone;
  exports io.avnas.api.data;
  exports io.avnas.api.searchspace;

  uses io.avnas.api.estimator.EstimatorFactory;
  uses io.avnas.api.searchspace.SearchSpaceFactory;
  uses io.avnas.api.backbone.BackboneFactory;
  uses io.avnas.api.data.DatasetProviderFactory;
}
