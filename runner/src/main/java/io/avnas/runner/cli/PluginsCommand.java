package io.avnas.runner.cli;

import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avnas plugins}: every discovered plugin with its kind, id, description and origin. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the discovered plugins: kind, id, description and the module or jar each came from.")
public final class PluginsCommand implements Runnable {
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    PluginRegistry registry = Workspace.plugins(plugins.dir(), spec.commandLine().getErr());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "ID", "DESCRIPTION", "FROM"});
    for (PluginRegistry.Entry e : registry.entries()) {
      rows.add(new String[] {e.kind().label(), e.id(), e.factory().description(), e.origin()});
    }
    Table.print(out, rows);
    if (rows.size() == 1) {
      out.println("(no plugins found: built-in plugins come with the runner; third-party jars go in "
          + plugins.dir().toAbsolutePath().normalize() + " or --plugins DIR)");
    }
    out.flush();
  }
}
