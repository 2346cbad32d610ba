package io.avnas.runner;

import io.avnas.runner.cli.AvnasCommand;
import io.avnas.runner.engine.EngineSetup;

/** The {@code avnas} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    EngineSetup.enforceOffline();
    System.exit(AvnasCommand.commandLine().execute(args));
  }
}
