package io.avnas.runner.cli;

import io.avnas.api.InvalidConfigException;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.plugins.PluginException;
import io.avnas.runner.workspace.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The top-level {@code avnas} command. */
@Command(
    name = "avnas",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Bimodal neural architecture search for audio-visual deepfake detection (GRMC-BMNAS).",
    subcommands = {
      PluginsCommand.class,
      ConfigCommand.class,
      VersionCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      SweepCommand.class,
      ReportCommand.class,
      EstimatorsCommand.class,
      ExtractCommand.class,
      PretrainCommand.class,
      WeightsCommand.class,
      DoctorCommand.class,
      RunCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AvnasCommand implements Runnable {
  /** Exit code for invalid input (config, options, files). */
  public static final int EXIT_INVALID = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with avnas's error handling: invalid input prints one clear line, exit 2. */
  public static CommandLine commandLine() {
    // Before anything can reach DJL's Engine, also when a test or a tool calls this without Main.
    EngineSetup.enforceOffline();
    CommandLine cl = new CommandLine(new AvnasCommand());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      Throwable cause = e;
      while (cause != null && !(cause instanceof InvalidConfigException) && !(cause instanceof UserError)
          && !(cause instanceof PluginException)) {
        cause = cause.getCause();
      }
      if (cause != null) {
        line.getErr().println("avnas: " + cause.getMessage());
        return EXIT_INVALID;
      }
      throw e;
    });
    return cl;
  }
}
