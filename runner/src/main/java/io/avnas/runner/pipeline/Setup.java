package io.avnas.runner.pipeline;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.runner.config.RunPlan;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.features.Plugins;
import io.avnas.runner.features.PretrainedWeights;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginOrigin;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything one experiment needs, independent of how it was composed (a {@code Workspace} in
 * production; tests build one directly).
 *
 * @param config the resolved, validated configuration
 * @param plan every stage's settings, read and checked from {@code config} once
 * @param estimator the configured estimator
 * @param spaceFactory the configured search space's factory
 * @param features loads every split's features
 * @param cross loads the test features of a cross-dataset block
 * @param reports writes report.html and plots/
 * @param hook called after each epoch's checkpoint is committed (tests use it to simulate a kill)
 * @param plugins where each selected plugin came from, for {@code provenance.json}
 * @param weights the pretrain stage: readies the backbones' weights before {@code features} runs
 * @param dataset the dataset's fingerprint, for {@code provenance.json}
 */
public record Setup(Config config, RunPlan plan, Estimator estimator, SearchSpaceFactory spaceFactory, Features features,
    Cross cross, Reports reports, EpochHook hook, List<PluginOrigin> plugins, Weights weights, Dataset dataset) {

  public Setup {
    plugins = List.copyOf(plugins);
  }

  /** A setup without a pretrain stage (features come ready, as in tests). */
  public Setup(Config config, Estimator estimator, SearchSpaceFactory spaceFactory, Features features, Cross cross,
      Reports reports, EpochHook hook, List<PluginOrigin> plugins) {
    this(config, RunPlan.of(config), estimator, spaceFactory, features, cross, reports, hook, plugins, Weights.NONE,
        Dataset.UNKNOWN);
  }

  /** A setup whose plugin origins are those of the given estimator's and search space's classes. */
  public Setup(Config config, Estimator estimator, SearchSpaceFactory spaceFactory, Features features, Cross cross,
      Reports reports, EpochHook hook) {
    this(config, estimator, spaceFactory, features, cross, reports, hook, List.of(
        PluginOrigin.of("avnas.searchspace", PluginKind.SEARCH_SPACE, config.getString("avnas.searchspace.id"), spaceFactory.getClass()),
        PluginOrigin.of("avnas.estimator", PluginKind.ESTIMATOR, estimator.settings().id(), estimator.getClass())));
  }

  /**
   * The setup of a run composed by {@code workspace}: its plugins, {@code source}'s features, the
   * standard reports, and a pretrain stage that hands the features stage a workspace whose
   * backbones have their weights.
   */
  public static Setup of(Workspace workspace, FeatureSource source) {
    AtomicReference<Workspace> ready = new AtomicReference<>(workspace);
    Weights weights = p -> {
      PretrainedWeights.Prepared prepared = PretrainedWeights.prepare(workspace, p);
      ready.set(prepared.workspace());
      return prepared.weights();
    };
    return new Setup(workspace.config(), workspace.plan(), workspace.injector().getInstance(Estimator.class),
        workspace.injector().getInstance(SearchSpaceFactory.class), p -> source.load(ready.get(), p),
        (dataset, p) -> source.crossTest(ready.get(), dataset, p), Reports.standard(), EpochHook.NONE,
        workspace.origins(), weights, () -> Plugins.datasetFingerprint(workspace));
  }

  /** Loads every split's features. */
  public interface Features {
    Map<Split, FeatureSet> load(PrintWriter progress) throws IOException;
  }

  /** Loads the test features of one {@code avnas.evaluate.cross} entry. */
  public interface Cross {
    FeatureSet load(ConfigBlock dataset, PrintWriter progress) throws IOException;
  }

  /** The pretrain stage: pretrains (or finds cached) backbone weights and says which ones the run uses. */
  public interface Weights {
    List<RunResults.Weights> prepare(PrintWriter progress) throws IOException;

    Weights NONE = progress -> List.of();
  }

  /** What identifies the run's data: the dataset provider's fingerprint. */
  public interface Dataset {
    String fingerprint() throws IOException;

    /** Not known (a setup built without a dataset provider, as in tests). */
    Dataset UNKNOWN = () -> null;
  }

  /** Observes committed epochs. */
  public interface EpochHook {
    void afterCheckpoint(String stage, int epoch);

    EpochHook NONE = (stage, epoch) -> {};
  }
}
