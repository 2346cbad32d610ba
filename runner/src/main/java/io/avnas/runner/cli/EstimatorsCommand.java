package io.avnas.runner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avnas estimators}: tools about the gradient estimators. */
@Command(name = "estimators", mixinStandardHelpOptions = true,
    description = "Gradient estimators (softmax, stgs, grmc): benchmarks of variance, MSE and cost.",
    subcommands = {EstimatorsBenchCommand.class})
public final class EstimatorsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
