package io.avnas.runner.cli;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.experiments.Compare;
import io.avnas.runner.experiments.CompareSettings;
import io.avnas.runner.experiments.Markdown;
import io.avnas.runner.experiments.PipelineLauncher;
import io.avnas.runner.experiments.RunLauncher;
import io.avnas.runner.files.Json;
import io.avnas.runner.pipeline.ExperimentRunner;
import io.avnas.runner.plugins.PluginKind;
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

/** {@code avnas compare [FILE] [-Dk=v...] [--json]}: one run per estimator and seed, one Table 2 style table. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Run the same experiment (data, budget) once per estimator in avnas.compare.estimators and"
        + " seed in avnas.compare.seeds, and print one table in the style of paper Table 2 (mean ± sd over the"
        + " seeds of AUC, ACC, EER, params, search time and last-epoch entropy).",
        "Runs go to <avnas.run.dir>/<avnas.run.name>/compare/<estimator>/seed-<seed>/; compare.md and compare.json are"
        + " written next to them. Finished runs are skipped and started ones resumed, so re-running continues."})
public final class CompareCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print compare.json to stdout instead of the Markdown table.")
  boolean json;

  private final Supplier<ExperimentRunner> pipeline;

  public CompareCommand() {
    this(PipelineLauncher::standardExperiment);
  }

  /** @param pipeline creates the experiment pipeline that runs each estimator */
  public CompareCommand(Supplier<ExperimentRunner> pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workspace workspace = options.open(plugins, err);
    CompareSettings settings = CompareSettings.from(workspace.config());
    // Every estimator must exist before the first (possibly hours long) run starts.
    settings.estimators().forEach(id ->
        workspace.registry().get(EstimatorFactory.class, PluginKind.ESTIMATOR, id, CompareSettings.PATH + ".estimators"));
    RunLauncher launcher = new PipelineLauncher(plugins.dir(), options.file(), options.overrides(), pipeline, err);
    Compare.Table table = new Compare(settings).run(launcher, err);
    out.print(json ? Json.render(table.json()) : table.markdown());
    out.flush();
    err.println("compare: wrote " + settings.root().resolve(Compare.MARKDOWN) + " and " + settings.root().resolve(Compare.JSON));
    err.flush();
    return 0;
  }
}
