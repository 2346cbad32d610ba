package io.avnas.runner.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.runner.config.RunPlan;
import io.avnas.runner.engine.DeviceResolver;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.search.BilevelSearch;
import io.avnas.runner.train.Retrainer;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole experiment: extract → search → derive → retrain → evaluate → report, into a run folder
 * ({@link RunFolder}) that resumes after a kill.
 *
 * <p>Resume: every epoch of search and retraining ends with a checkpoint ({@code checkpoints/<stage>-e<N>.ckpt}:
 * parameters including architecture tables and BatchNorm statistics, and optimizer moments) and then a
 * commit marker ({@code checkpoints/<stage>.json}) written atomically. Torch and the Java RNG are
 * reseeded at every epoch start from (seed, stage, epoch), so a resumed run draws exactly the noise,
 * dropout masks and batch orders an uninterrupted run would have. Checkpoints are verified files
 * ({@link StageCheckpoints}: a bad one falls back to the previous epoch's), the folder is held under
 * a {@link RunLock} for the whole run, and a resume of a finished run writes only what is missing
 * (docs/reliability.md).
 */
public final class StandardExperiment implements ExperimentRunner {
  private static final int CLASSES = 2;

  private final FeatureSource source;

  public StandardExperiment() {
    this(new ExtractedFeatures());
  }

  public StandardExperiment(FeatureSource source) {
    this.source = source;
  }

  @Override
  public Path run(Workspace workspace, Path runDir, boolean resume, PrintWriter progress) throws IOException {
    return run(Setup.of(workspace, source), runDir, resume, progress);
  }

  /**
   * Runs (or resumes) one experiment; returns the path of results.json. The run folder's
   * {@link RunLock} is held throughout.
   */
  public Path run(Setup setup, Path runDir, boolean resume, PrintWriter progress) throws IOException {
    RunFolder folder = new RunFolder(runDir);
    if (resume && !folder.has(RunFolder.CONFIG)) {
      throw new UserError(runDir + " is not a run folder (no " + RunFolder.CONFIG + "); start a new run instead");
    }
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw io.avnas.runner.files.AtomicWrite.failed(runDir.resolve(RunFolder.CONFIG), e);
    }
    try (RunLock lock = RunLock.acquire(runDir, progress)) {
      return runLocked(setup, folder, resume, progress);
    }
  }

  /** The stage chain: plan → pretrain → features → search → retrain → evaluate → results.json → report. */
  private Path runLocked(Setup setup, RunFolder folder, boolean resume, PrintWriter progress) throws IOException {
    Config config = setup.config();
    if (resume && folder.resumeFinished(setup.reports(), progress)) {
      return folder.file(RunFolder.RESULTS);
    }
    RunPlan plan = setup.plan();
    if (!resume) {
      folder.start(config);
    }
    long seed = plan.run().seed();
    Engine engine = EngineSetup.start(seed);
    Device device = DeviceResolver.resolve(plan.run().device(), engine, progress);
    Provenance.write(folder, setup, engine, device, seed, resume);
    folder.dropUncommittedMetrics(BilevelSearch.STAGE, Retrainer.STAGE);

    long start = System.nanoTime();
    StageThreads.apply(config, StageThreads.Stage.PRETRAIN);
    List<RunResults.Weights> weights = setup.weights().prepare(progress);
    double pretrainSeconds = TrainingStage.seconds(start);
    Provenance.recordWeights(folder, weights);

    start = System.nanoTime();
    StageThreads.apply(config, StageThreads.Stage.EXTRACT);
    FeatureSets features = new FeatureSets(setup.features().load(progress));
    double extractSeconds = TrainingStage.seconds(start);

    try (NDManager manager = NDManager.newBaseManager(device)) {
      SearchSpace space = setup.spaceFactory().create(plan.searchspace(), features.specs(), setup.estimator(), CLASSES);
      StageThreads.apply(config, StageThreads.Stage.SEARCH);
      SearchStage.Searched searched = SearchStage.run(setup, plan.search(), folder, space, features, manager, seed,
          progress);
      StageThreads.apply(config, StageThreads.Stage.RETRAIN);
      RetrainStage.TrainedNetwork trained = RetrainStage.run(setup, plan.retrain(), folder, space,
          searched.genotype(), features, manager, seed, progress);
      Evaluation evaluation = Evaluation.of(setup, trained.network(), features, plan.retrain().batchSize(), manager,
          progress);
      new RunResults(plan.run().runName(), evaluation.test(), evaluation.cross(), evaluation.params(),
          RunResults.Seconds.of(pretrainSeconds, extractSeconds, searched.seconds(), trained.seconds(),
              evaluation.seconds()),
          Json.parse(searched.genotype().toJson()).getAsJsonObject("estimator"), seed,
          weights.stream().map(RunResults.Weights::asResult).toList()).write(folder.file(RunFolder.RESULTS));
    }
    setup.reports().write(folder.dir());
    return folder.file(RunFolder.RESULTS);
  }
}
