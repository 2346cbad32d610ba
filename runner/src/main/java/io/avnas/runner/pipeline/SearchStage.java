package io.avnas.runner.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.Genotype;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.runner.config.SearchSettings;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.MetricLine;
import io.avnas.runner.search.BilevelSearch;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.SearchDiverged;
import io.avnas.runner.search.Training;
import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The search stage: bilevel search of the supernet on TRAIN (weights) and DEV (architecture), then
 * the genotype of the epoch {@code avnas.search.select} chooses, written to genotype.json. A run
 * folder that already holds genotype.json skips the search.
 */
final class SearchStage {
  private static final String FIX = "lower avnas.search.weights.lr or avnas.search.architecture.lr";

  /** The stage's value: the genotype and the search's seconds. */
  record Searched(Genotype genotype, double seconds) {}

  private SearchStage() {}

  static Searched run(Setup setup, SearchSettings settings, RunFolder folder, SearchSpace space, FeatureSets features,
      NDManager manager, long seed, PrintWriter progress) throws IOException {
    if (folder.has(RunFolder.GENOTYPE)) {
      return new Searched(space.parseGenotype(folder.read(RunFolder.GENOTYPE)),
          new StageCheckpoints(folder, BilevelSearch.STAGE).committedSeconds());
    }
    Training.reseed(seed, "search-init", 0);
    space.supernet().initialize(manager, DataType.FLOAT32, features.shapes());
    BilevelSearch search = new BilevelSearch(space, settings, manager, seed);
    double seconds;
    try (FeatureBatches train = new FeatureBatches(features.get(Split.TRAIN), manager);
        FeatureBatches dev = new FeatureBatches(features.get(Split.DEV), manager)) {
      seconds = TrainingStage.<BilevelSearch.Epoch>run(folder, BilevelSearch.STAGE, setup.hook(), search,
          (first, listener) -> search.run(train, dev, first, listener::onEpoch, progress),
          epoch -> line(epoch, space, seed), progress);
    } catch (SearchDiverged diverged) {
      throw new UserError(divergedMessage(diverged, folder.dir()), diverged);
    }
    String json = selectedGenotype(folder, space, settings, seed, progress);
    folder.writeText(folder.file(RunFolder.GENOTYPE), json);
    return new Searched(space.parseGenotype(json), seconds);
  }

  private static MetricLine line(BilevelSearch.Epoch epoch, SearchSpace space, long seed) {
    return MetricLine.of(BilevelSearch.STAGE, epoch.epoch(), line -> {
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
    });
  }

  /**
   * genotype.json: the genotype of the epoch {@code avnas.search.select} chooses from the search lines
   * of metrics.jsonl, with {@code "selected": {"rule", "epoch", "dev_acc"}} added to its fields.
   */
  private static String selectedGenotype(RunFolder folder, SearchSpace space, SearchSettings settings, long seed,
      PrintWriter progress) throws IOException {
    List<JsonObject> lines = folder.metricLines().stream().filter(l -> l.stage().equals(BilevelSearch.STAGE))
        .map(MetricLine::toJson).toList();
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

  /** What diverged, what to change, and where the run can go on from (the checkpoint is written after the check). */
  static String divergedMessage(SearchDiverged diverged, Path runDir) {
    return TrainingStage.divergedMessage(diverged.getMessage(), diverged.epoch(), FIX, runDir);
  }
}
