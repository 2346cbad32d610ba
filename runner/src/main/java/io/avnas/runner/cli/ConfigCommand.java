package io.avnas.runner.cli;

import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.runner.inject.AvnasModule;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avnas config [FILE] [-Dk=v...]}: the resolved, validated {@code avnas} tree. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the resolved avnas configuration (references, then FILE, then -D overrides).",
        "Comment lines at the top name the plugin each block selects and where it comes from; a comment after",
        "each value names the file it came from (a chosen plugin's own reference.conf sets its block's defaults).",
        "A key set in a plugin block that the chosen plugin does not read is a warning (an error with --strict).",
        "Exits with status 2 and names the key, the value and what is allowed when the input is invalid."})
public final class ConfigCommand implements Runnable {
  @Mixin ConfigOptions options;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Workspace workspace = options.open(plugins, spec.commandLine().getErr());
    for (AvnasModule.Selection selection : workspace.module().selections()) {
      String origin = workspace.registry().lookup(selection.kind(), selection.id())
          .map(PluginRegistry.Entry::origin).orElse("?");
      out.println("# " + selection.path() + ".id = " + selection.id() + "  (" + selection.kind().label() + " from " + origin + ")");
    }
    // Composed through the injector, as a run would: proves the selected estimator builds.
    EstimatorSettings estimator = workspace.injector().getInstance(Estimator.class).settings();
    StringBuilder built = new StringBuilder("# estimator built: " + estimator.id() + ", tau " + estimator.tau()
        + ", forward " + estimator.forward().name().toLowerCase(Locale.ROOT));
    new TreeMap<>(estimator.options())
        .forEach((key, value) -> built.append(", ").append(key).append(' ').append(value));
    out.println(built);
    out.println("# each value is followed by the file it came from (a reference.conf, FILE, the quickstart profile or -D)");
    out.print(OriginRenderer.render("avnas", workspace.config().getConfig("avnas").root()));
    out.flush();
  }
}
