package io.avnas.runner.cli;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.experiments.Markdown;
import io.avnas.runner.experiments.PipelineLauncher;
import io.avnas.runner.experiments.RunLauncher;
import io.avnas.runner.experiments.Sweep;
import io.avnas.runner.experiments.SweepSettings;
import io.avnas.runner.files.Json;
import io.avnas.runner.pipeline.ExperimentRunner;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.workspace.Shard;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avnas sweep [FILE] [-Dk=v...] [--shard i/n] [--gather] [--json]}: the tau x K grid of Table 4. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a tau x K grid with seeds (avnas.sweep; default the paper's Table 4 grid) and gather AUC and"
        + " parameters per cell into sweep.md and sweep.json (Table 4 layout, mean ± std over seeds).",
        "Runs go to <avnas.run.dir>/<avnas.run.name>/sweep/tau-<tau>_K-<K>_seed-<seed>/. Finished runs are"
        + " skipped and started ones resumed. Shards may run concurrently on machines sharing that folder."})
public final class SweepCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Option(names = "--shard", paramLabel = "i/n",
      description = "Run only shard i of n (0-based: 0 <= i < n); run r of the grid belongs to shard r mod n."
          + " The tables are written when every run of the grid has finished.")
  String shard;

  @Option(names = "--gather", description = "Run nothing: gather the finished runs into sweep.md and sweep.json,"
      + " listing missing runs.")
  boolean gather;

  @Option(names = "--json", description = "Print sweep.json to stdout instead of the Markdown table.")
  boolean json;

  private final Supplier<ExperimentRunner> pipeline;

  public SweepCommand() {
    this(PipelineLauncher::standardExperiment);
  }

  /** @param pipeline creates the experiment pipeline that runs each grid point */
  public SweepCommand(Supplier<ExperimentRunner> pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
    if (gather && shard != null) {
      throw new UserError("--gather runs nothing, so it takes no --shard; use one or the other");
    }
    Workspace workspace = options.open(plugins, err);
    SweepSettings settings = SweepSettings.from(workspace.config());
    workspace.registry().get(EstimatorFactory.class, PluginKind.ESTIMATOR, settings.estimator(), SweepSettings.PATH + ".estimator");
    Sweep sweep = new Sweep(settings);
    if (!gather) {
      RunLauncher launcher = new PipelineLauncher(plugins.dir(), options.file(), options.overrides(), pipeline, err);
      sweep.runShard(slice, launcher, err);
    }
    Sweep.Table table = sweep.gather();
    if (!gather && !table.complete()) {
      err.println("sweep: shard " + slice + " done; " + table.missing().size() + " run(s) of the grid are not finished"
          + " (other shards?). The tables are written by the shard that finishes last, or by `avnas sweep --gather`.");
      err.flush();
      return 0;
    }
    table.write(settings.root());
    out.print(json ? Json.render(table.json()) : table.markdown());
    out.flush();
    err.println("sweep: wrote " + settings.root().resolve(Sweep.MARKDOWN) + " and " + settings.root().resolve(Sweep.JSON)
        + (table.complete() ? "" : " (incomplete: " + table.missing().size() + " run(s) missing, listed in the table)"));
    err.flush();
    return 0;
  }
}
