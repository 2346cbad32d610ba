package io.avnas.runner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avnas bench}: the benchmarks whose figures docs/performance.md records. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints its figures and the command that reproduces them.",
    subcommands = {BenchExtractCommand.class, BenchSearchCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
