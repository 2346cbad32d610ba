/**
 * The avnas runner: the CLI, configuration loading and validation, plugin discovery (module layer
 * and class path), Guice composition and the experiment pipeline. It meets plugins only through
 * the SPIs of {@code io.avnas.api}.
 */
module io.avnas.runner {
  requires io.avnas.api;
  requires io.avnas.support;
  requires com.google.guice;
  requires info.picocli;
  requires com.google.gson;
  requires org.slf4j;
  requires java.desktop;
  requires java.management;
  requires org.jfree.jfreechart;

  uses io.avnas.api.estimator.EstimatorFactory;
  uses io.avnas.api.searchspace.SearchSpaceFactory;
  uses io.avnas.api.backbone.BackboneFactory;
  uses io.avnas.api.data.DatasetProviderFactory;

  opens io.avnas.runner.cli to info.picocli;
  opens io.avnas.runner.estimators to info.picocli;
  opens io.avnas.runner.pipeline to info.picocli;
  // Gson writes `bench search --json` from the SearchBenchmark.Result record by reflection.
  opens io.avnas.runner.search to info.picocli, com.google.gson;
  opens io.avnas.runner.inject to com.google.guice;
  opens io.avnas.runner.experiments to info.picocli;
  opens io.avnas.runner.report to info.picocli;
  opens io.avnas.runner.features to info.picocli;
  // Resources in a module's packages are hidden from ClassLoader.getResource unless the package is
  // open: without this, the quickstart profile (io/avnas/runner/quickstart.conf) is never applied.
  opens io.avnas.runner;
}
