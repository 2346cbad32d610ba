package io.avnas.runner.cli;

import io.avnas.runner.report.ReportWriter;
import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code avnas report RUN_DIR...}: (re)writes report.html and plots/ from a run folder's files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write report.html and plots/*.png for run folders from their files (results.json, metrics.jsonl,"
        + " genotype.json). The pipeline does this at the end of every run; use this to refresh a report, e.g. for an"
        + " unfinished run."})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders, e.g. runs/quickstart.")
  Path[] runDirs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    for (Path dir : runDirs) {
      if (!Files.isDirectory(dir)) {
        throw new UserError("run folder " + dir.toAbsolutePath() + " does not exist or is not a folder");
      }
      long start = System.nanoTime();
      Path report = ReportWriter.write(dir);
      out.println(String.format(Locale.ROOT, "%s (%.2f s)", report, (System.nanoTime() - start) / 1e9));
    }
    out.flush();
    return 0;
  }
}
