package io.avnas.runner.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.Genotype;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.runner.engine.DeviceResolver;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.features.PretrainedWeights;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.metrics.BinaryMetrics;
import io.avnas.runner.search.BilevelSearch;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.SearchDiverged;
import io.avnas.runner.search.SearchSettings;
import io.avnas.runner.search.Training;
import io.avnas.runner.train.RetrainDiverged;
import io.avnas.runner.train.RetrainSettings;
import io.avnas.runner.train.Retrainer;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
    // The pretrain stage hands the features stage a workspace whose backbones have their weights.
    AtomicReference<Workspace> ready = new AtomicReference<>(workspace);
    Setup.Weights weights = p -> {
      PretrainedWeights.Prepared prepared = PretrainedWeights.prepare(workspace, p);
      ready.set(prepared.workspace());
      return prepared.weights();
    };
    Setup setup = new Setup(workspace.config(), workspace.injector().getInstance(Estimator.class),
        workspace.injector().getInstance(SearchSpaceFactory.class), p -> source.load(ready.get(), p),
        (dataset, p) -> source.crossTest(ready.get(), dataset, p), Reports.standard(), Setup.EpochHook.NONE,
        workspace.origins(), weights);
    return run(setup, runDir, resume, progress);
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

  private Path runLocked(Setup setup, RunFolder folder, boolean resume, PrintWriter progress) throws IOException {
    Path runDir = folder.dir();
    Config config = setup.config();
    if (resume) {
      int removed = folder.removeLeftovers();
      if (removed > 0) {
        progress.println("avnas: removed " + removed + " temporary file(s) a killed write left in " + runDir);
      }
      if (folder.has(RunFolder.RESULTS) && folder.missingResults().isEmpty()) {
        if (setup.reports().complete(runDir)) {
          progress.println("avnas: " + runDir + " is already complete");
        } else {
          setup.reports().write(runDir);
          progress.println("avnas: " + runDir + ": wrote the missing report");
        }
        return folder.file(RunFolder.RESULTS);
      }
    } else {
      if (folder.hasContent()) {
        throw new UserError("run folder " + runDir + " already exists; pass --overwrite to replace it or --resume "
            + runDir + " to continue it");
      }
      folder.writeText(folder.file(RunFolder.CONFIG), render(config));
    }
    long seed = config.getLong("avnas.seed");
    Engine engine = EngineSetup.start(seed);
    Device device = DeviceResolver.resolve(config.getString("avnas.device"), engine, progress);
    writeProvenance(folder, setup, engine, device, seed, resume);

    int searchDone = new StageCheckpoints(folder, BilevelSearch.STAGE).committedEpoch();
    int retrainDone = new StageCheckpoints(folder, Retrainer.STAGE).committedEpoch();
    folder.retainMetrics(line -> {
      JsonObject o = Json.parse(line);
      int epoch = o.get("epoch").getAsInt();
      return switch (o.get("stage").getAsString()) {
        case BilevelSearch.STAGE -> epoch <= searchDone;
        case Retrainer.STAGE -> epoch <= retrainDone;
        default -> false;
      };
    });

    long tp = System.nanoTime();
    StageThreads.apply(config, StageThreads.Stage.PRETRAIN);
    List<PretrainedWeights.Used> weights = setup.weights().prepare(progress);
    double pretrainSeconds = seconds(tp);
    recordWeights(folder, weights);

    long t0 = System.nanoTime();
    StageThreads.apply(config, StageThreads.Stage.EXTRACT);
    Map<Split, FeatureSet> features = new EnumMap<>(setup.features().load(progress));
    for (Split split : Split.values()) {
      if (!features.containsKey(split) || features.get(split).size() == 0) {
        throw new UserError("the dataset gives no " + split + " clips; check avnas.dataset.split");
      }
    }
    double extractSeconds = seconds(t0);

    try (NDManager manager = NDManager.newBaseManager(device)) {
      List<FeatureSpec> specs = features.get(Split.TRAIN).specs();
      SearchSpace space = setup.spaceFactory().create(block(config, "avnas.searchspace"), specs, setup.estimator(), CLASSES);
      Genotype genotype;
      if (folder.has(RunFolder.GENOTYPE)) {
        genotype = space.parseGenotype(folder.read(RunFolder.GENOTYPE));
      } else {
        StageThreads.apply(config, StageThreads.Stage.SEARCH);
        genotype = search(setup, folder, space, features, manager, seed, progress);
      }
      double searchSeconds = new StageCheckpoints(folder, BilevelSearch.STAGE).committedSeconds();

      Block network = space.fixedNetwork(genotype);
      Training.reseed(seed, "retrain-init", 0);
      network.initialize(manager, DataType.FLOAT32, shapes(specs));
      StageThreads.apply(config, StageThreads.Stage.RETRAIN);
      retrain(setup, folder, network, features, manager, seed, progress);
      double retrainSeconds = new StageCheckpoints(folder, Retrainer.STAGE).committedSeconds();

      long t3 = System.nanoTime();
      Evaluation evaluation = evaluate(setup, network, features, manager, progress);
      RunResults results = new RunResults(config.getString("avnas.run.name"), evaluation.test(), evaluation.cross(),
          evaluation.params(), RunResults.Seconds.of(pretrainSeconds, extractSeconds, searchSeconds, retrainSeconds,
              seconds(t3)),
          Json.parse(genotype.toJson()).getAsJsonObject("estimator"), seed,
          weights.stream().map(PretrainedWeights.Used::resultWeights).toList());
      results.write(folder.file(RunFolder.RESULTS));
    }
    setup.reports().write(runDir);
    return folder.file(RunFolder.RESULTS);
  }

  private Genotype search(Setup setup, RunFolder folder, SearchSpace space, Map<Split, FeatureSet> features,
      NDManager manager, long seed, PrintWriter progress) throws IOException {
    SearchSettings settings = SearchSettings.from(block(setup.config(), "avnas.search"));
    Training.reseed(seed, "search-init", 0);
    space.supernet().initialize(manager, DataType.FLOAT32, shapes(features.get(Split.TRAIN).specs()));
    BilevelSearch search = new BilevelSearch(space, settings, manager, seed);
    StageCheckpoints checkpoints = new StageCheckpoints(folder, BilevelSearch.STAGE);
    int first = restore(folder, checkpoints, search::load, progress);
    long start = System.nanoTime();
    final double before = checkpoints.committedSeconds();
    try (FeatureBatches train = new FeatureBatches(features.get(Split.TRAIN), manager);
        FeatureBatches dev = new FeatureBatches(features.get(Split.DEV), manager)) {
      search.run(train, dev, first, epoch -> {
        JsonObject line = new JsonObject();
        line.addProperty("stage", BilevelSearch.STAGE);
        line.addProperty("epoch", epoch.epoch());
        line.add("train_loss", Json.num(epoch.trainLoss()));
        line.add("train_acc", Json.num(epoch.trainAcc()));
        line.add("dev_loss", Json.num(epoch.devLoss()));
        line.add("dev_acc", Json.num(epoch.devAcc()));
        line.add("entropy", Json.map(epoch.entropy()));
        JsonObject gradient = new JsonObject();
        epoch.archGradient().forEach((table, size) -> {
          JsonObject g = new JsonObject();
          g.add("mean_abs", Json.num(size.meanAbs()));
          g.add("signal", Json.num(size.signal()));
          gradient.add(table, g);
        });
        line.add("arch_grad", gradient);
        line.add("tau", Json.num(epoch.tau()));
        line.add("seconds", Json.num(epoch.seconds()));
        // The genotype this epoch's tables derive, so avnas.search.select can pick any epoch's, also after a resume.
        line.add("genotype", Json.parse(space.derive(seed).toJson()));
        folder.appendMetric(Json.COMPACT.toJson(line));
        checkpoints.commit(epoch.epoch(), before + seconds(start), search::save);
        setup.hook().afterCheckpoint(BilevelSearch.STAGE, epoch.epoch());
      }, progress);
    } catch (SearchDiverged diverged) {
      throw new UserError(divergedMessage(diverged, folder.dir()), diverged);
    }
    String json = selectedGenotype(folder, space, settings, seed, progress);
    folder.writeText(folder.file(RunFolder.GENOTYPE), json);
    return space.parseGenotype(json);
  }

  /**
   * genotype.json: the genotype of the epoch {@code avnas.search.select} chooses from the search lines
   * of metrics.jsonl, with {@code "selected": {"rule", "epoch", "dev_acc"}} added to its fields.
   */
  private static String selectedGenotype(RunFolder folder, SearchSpace space, SearchSettings settings, long seed,
      PrintWriter progress) throws IOException {
    List<JsonObject> lines = new java.util.ArrayList<>();
    for (String line : folder.metricLines()) {
      JsonObject o = Json.parse(line);
      if (BilevelSearch.STAGE.equals(o.get("stage").getAsString())) {
        lines.add(o);
      }
    }
    GenotypeSelection.Choice choice = GenotypeSelection.choose(settings.select(), lines, settings.warmupEpochs());
    JsonObject genotype;
    if (choice.genotype().isPresent()) {
      genotype = choice.genotype().get().deepCopy();
    } else {
      // A run folder from before per-epoch genotypes: only the last epoch's tables are still at hand.
      GenotypeSelection.Choice last = GenotypeSelection.choose(SearchSettings.LAST, lines, settings.warmupEpochs());
      if (choice.epoch() != last.epoch()) {
        progress.println("avnas: warning: metrics.jsonl of " + folder.dir() + " holds no genotype for search epoch "
            + choice.epoch() + " (written by an older avnas); keeping the last epoch's genotype instead");
      }
      choice = new GenotypeSelection.Choice(SearchSettings.LAST, last.epoch(), last.devAcc(), last.line());
      genotype = Json.parse(space.derive(seed).toJson());
    }
    genotype.add(GenotypeSelection.KEY, choice.json());
    return Json.PRETTY.toJson(genotype) + "\n";
  }

  private static final String SEARCH_FIX = "lower avnas.search.weights.lr or avnas.search.architecture.lr";
  private static final String RETRAIN_FIX = "lower avnas.retrain.lr";

  /** What diverged, what to change, and where the run can go on from (the checkpoint is written after the check). */
  static String divergedMessage(SearchDiverged diverged, Path runDir) {
    return divergedMessage(diverged.getMessage(), diverged.epoch(), SEARCH_FIX, runDir);
  }

  static String divergedMessage(String what, int epoch, String fix, Path runDir) {
    int lastGood = epoch - 1;
    if (lastGood == 0) {
      return what + " (no epoch finished, so there is no checkpoint to resume from); " + fix
          + " and run again with --overwrite";
    }
    return what + "; " + runDir + " keeps the checkpoint of epoch " + lastGood + ": " + fix + " in "
        + runDir.resolve(RunFolder.CONFIG) + " and continue with: avnas run --resume " + runDir;
  }

  private void retrain(Setup setup, RunFolder folder, Block network, Map<Split, FeatureSet> features,
      NDManager manager, long seed, PrintWriter progress) throws IOException {
    RetrainSettings settings = RetrainSettings.from(block(setup.config(), "avnas.retrain"),
        block(setup.config(), "avnas.dataset"));
    Retrainer retrainer = new Retrainer(network, settings, manager, seed);
    StageCheckpoints checkpoints = new StageCheckpoints(folder, Retrainer.STAGE);
    int first = restore(folder, checkpoints, retrainer::load, progress);
    long start = System.nanoTime();
    final double before = checkpoints.committedSeconds();
    try (FeatureBatches train = new FeatureBatches(features.get(Split.TRAIN), manager);
        FeatureBatches val = new FeatureBatches(features.get(Split.VAL), manager)) {
      retrainer.run(train, val, first, epoch -> {
        JsonObject line = new JsonObject();
        line.addProperty("stage", Retrainer.STAGE);
        line.addProperty("epoch", epoch.epoch());
        line.add("train_loss", Json.num(epoch.trainLoss()));
        line.add("train_acc", Json.num(epoch.trainAcc()));
        line.add("val_loss", Json.num(epoch.valLoss()));
        line.add("val_acc", Json.num(epoch.valAcc()));
        line.add("val_auc", Json.num(epoch.valAuc()));
        line.add("seconds", Json.num(epoch.seconds()));
        folder.appendMetric(Json.COMPACT.toJson(line));
        checkpoints.commit(epoch.epoch(), before + seconds(start), retrainer::save);
        setup.hook().afterCheckpoint(Retrainer.STAGE, epoch.epoch());
      }, progress);
    } catch (RetrainDiverged diverged) {
      throw new UserError(divergedMessage(diverged.getMessage(), diverged.epoch(), RETRAIN_FIX, folder.dir()), diverged);
    }
    retrainer.restoreBest();
    VerifiedFile.write(folder.checkpoint(RunFolder.MODEL), "model", out -> Training.saveParameters(network, out));
  }

  /** What evaluation measures: the test split in full, each cross-dataset provider in summary. */
  private record Evaluation(RunResults.Metrics test, Map<String, RunResults.Metrics> cross, double params) {}

  private static Evaluation evaluate(Setup setup, Block network, Map<Split, FeatureSet> features, NDManager manager,
      PrintWriter progress) throws IOException {
    int bs = setup.config().getInt("avnas.retrain.batch-size");
    FeatureSet testSet = features.get(Split.TEST);
    RunResults.Metrics test = metrics(scoresOf(network, testSet, bs, manager), testSet, true);
    Map<String, RunResults.Metrics> cross = new LinkedHashMap<>();
    for (Config entry : setup.config().getConfigList("avnas.evaluate.cross")) {
      ConfigBlock dataset = new ConfigBlock("avnas.evaluate.cross[]", entry);
      FeatureSet set = setup.cross().load(dataset, progress);
      cross.put(dataset.getString("id"), metrics(scoresOf(network, set, bs, manager), set, false));
    }
    return new Evaluation(test, cross, Training.count(Training.networkParameters(network, List.of())));
  }

  private static double[] scoresOf(Block network, FeatureSet set, int bs, NDManager manager) {
    try (FeatureBatches batches = new FeatureBatches(set, manager)) {
      return Arrays.copyOf(Training.scores(network, batches, bs, manager), set.size());
    }
  }

  /** The metrics of {@code scores} on {@code set}; with {@code full}, the ROC curve and per-category accuracy too. */
  private static RunResults.Metrics metrics(double[] scores, FeatureSet set, boolean full) {
    BinaryMetrics m;
    try {
      m = BinaryMetrics.of(scores, set.labels());
    } catch (IllegalArgumentException e) {
      throw new UserError("the retrained network cannot be evaluated: " + e.getMessage()
          + "; lower avnas.retrain.lr and run again with --overwrite", e);
    }
    List<RunResults.RocPoint> roc = new ArrayList<>();
    Map<String, RunResults.Category> categories = new LinkedHashMap<>();
    if (full) {
      m.roc().forEach(point -> roc.add(new RunResults.RocPoint(point[0], point[1])));
      List<String> names = set.clips().stream().map(ClipInfo::category).toList();
      BinaryMetrics.perCategory(scores, set.labels(), names)
          .forEach((name, v) -> categories.put(name, new RunResults.Category((int) v[0], v[1])));
    }
    return new RunResults.Metrics(m.auc(), m.acc(), m.eer(), m.n(), roc, categories);
  }

  /**
   * Loads a stage's newest good checkpoint; when that is older than the committed epoch, the metric
   * lines of the epochs after it go too (they are computed again).
   *
   * @return the first epoch (0-based) still to run
   */
  private static int restore(RunFolder folder, StageCheckpoints checkpoints, StageCheckpoints.Loader loader,
      PrintWriter progress) throws IOException {
    int committed = checkpoints.committedEpoch();
    int restored = checkpoints.restore(loader, progress);
    String stage = checkpoints.stage();
    if (restored < committed) {
      folder.retainMetrics(line -> {
        JsonObject o = Json.parse(line);
        return !o.get("stage").getAsString().equals(stage) || o.get("epoch").getAsInt() <= restored;
      });
    }
    if (restored > 0) {
      progress.println("avnas: resuming " + stage + " after epoch " + restored);
    }
    return restored;
  }

  private static void writeProvenance(RunFolder folder, Setup setup, Engine engine, Device device, long seed,
      boolean resume) throws IOException {
    JsonObject p;
    if (resume && folder.has(RunFolder.PROVENANCE)) {
      p = Json.parse(folder.read(RunFolder.PROVENANCE));
      if (!p.has("resumed")) {
        p.add("resumed", new JsonArray());
      }
      p.getAsJsonArray("resumed").add(Instant.now().toString());
    } else {
      p = Provenance.collect(setup, engine, device, seed);
    }
    folder.writeText(folder.file(RunFolder.PROVENANCE), Json.PRETTY.toJson(p) + "\n");
  }

  /** provenance.json names the backbone weights the run used (a resume finds the same ones by their key). */
  private static void recordWeights(RunFolder folder, List<PretrainedWeights.Used> weights) throws IOException {
    if (weights.isEmpty() || !folder.has(RunFolder.PROVENANCE)) {
      return;
    }
    JsonObject p = Json.parse(folder.read(RunFolder.PROVENANCE));
    JsonArray array = new JsonArray();
    weights.forEach(w -> array.add(w.weights().json()));
    p.add("weights", array);
    folder.writeText(folder.file(RunFolder.PROVENANCE), Json.PRETTY.toJson(p) + "\n");
  }

  private static ConfigBlock block(Config config, String path) {
    return new ConfigBlock(path, config.getConfig(path));
  }

  private static Shape[] shapes(List<FeatureSpec> specs) {
    return specs.stream().map(s -> new Shape(1, s.channels(), s.length())).toArray(Shape[]::new);
  }

  private static String render(Config config) {
    return "# The resolved configuration of this run (every default included). Resume with --resume.\n"
        + config.withOnlyPath("avnas").root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
