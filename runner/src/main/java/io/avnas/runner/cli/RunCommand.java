package io.avnas.runner.cli;

import com.google.gson.JsonObject;
import io.avnas.runner.files.Json;
import io.avnas.runner.pipeline.RunFolder;
import io.avnas.runner.pipeline.StandardExperiment;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avnas run [FILE] [-Dk=v…] [--resume DIR] [--overwrite]}: the whole pipeline into a run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Extract features, search, derive, retrain and evaluate into runs/<name>/.",
        "Without FILE, runs the synthetic quickstart profile (minutes on a laptop CPU)."})
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin PluginOptions plugins;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the killed run in DIR from its last checkpoint (uses DIR/config.conf).")
  Path resume;

  @Option(names = "--overwrite", description = "Replace an existing run folder instead of refusing.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Workspace workspace;
    Path runDir;
    if (resume != null) {
      if (config.file() != null || !config.overrides().isEmpty() || overwrite) {
        throw new UserError("--resume " + resume + " takes no FILE, -D or --overwrite: a resumed run uses its own config.conf");
      }
      Path file = resume.resolve(RunFolder.CONFIG);
      if (!Files.isRegularFile(file)) {
        throw new UserError(resume + " is not a run folder (no " + RunFolder.CONFIG + ")");
      }
      workspace = Workspace.open(plugins.dir(), file, config.overrides(), err);
      runDir = resume;
    } else {
      workspace = config.open(plugins, err);
      runDir = Path.of(workspace.config().getString("avnas.run.dir"), workspace.config().getString("avnas.run.name"));
      if (overwrite) {
        RunFolder.clear(runDir, err);
      }
    }
    Path results = new StandardExperiment().run(workspace, runDir, resume != null, err);
    printResults(out, results);
    return 0;
  }

  /** Prints AUC, ACC, EER and params of a results.json as a table. */
  static void printResults(PrintWriter out, Path results) {
    JsonObject r;
    try {
      r = Json.parse(Files.readString(results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject test = r.getAsJsonObject("test");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"run", "estimator", "AUC", "ACC", "EER", "params", "search s", "total s"});
    rows.add(new String[] {r.get("name").getAsString(), r.getAsJsonObject("estimator").get("id").getAsString(),
        pct(test, "auc"), pct(test, "acc"), pct(test, "eer"), String.format(Locale.ROOT, "%,d", r.get("params").getAsLong()),
        String.format(Locale.ROOT, "%.0f", r.getAsJsonObject("seconds").get("search").getAsDouble()),
        String.format(Locale.ROOT, "%.0f", r.getAsJsonObject("seconds").get("total").getAsDouble())});
    Table.print(out, rows);
    out.println("results: " + results);
    out.flush();
  }

  private static String pct(JsonObject o, String key) {
    return o.get(key).isJsonNull() ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * o.get(key).getAsDouble());
  }
}
