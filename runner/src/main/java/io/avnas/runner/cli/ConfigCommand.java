package io.avnas.runner.cli;

import com.typesafe.config.ConfigRenderOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code avnas config [FILE] [-Dk=v...]}: the resolved, validated {@code avnas} tree. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the resolved avnas configuration (references, then FILE, then -D overrides).",
        "Exits with status 2 and names the key, the value and what is allowed when the input is invalid."})
public final class ConfigCommand implements Runnable {
  @Mixin ConfigOptions options;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Workspace workspace = Workspace.open(plugins, options, spec.commandLine().getErr());
    ConfigRenderOptions render = ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false);
    out.println("avnas " + workspace.config().getConfig("avnas").root().render(render));
    out.flush();
  }
}
