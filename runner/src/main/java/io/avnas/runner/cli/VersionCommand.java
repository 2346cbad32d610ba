package io.avnas.runner.cli;

import io.avnas.runner.plugins.PluginOrigin;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.workspace.BuildInfo;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code avnas version}: the avnas, DJL, libtorch and Java versions, and those of third-party plugins. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = {"Print the avnas, DJL, libtorch and Java versions,",
        "then each plugin from the plugins folder (./plugins or --plugins DIR): kind, id, version, jar and SHA-256."})
public final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin PluginOptions plugins;

  static String[] lines() {
    Properties p = BuildInfo.properties();
    return new String[] {
      "avnas " + p.getProperty("avnas.version", "unknown"),
      "DJL " + p.getProperty("djl.version", "unknown") + ", PyTorch engine (libtorch " + libtorch(p) + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }

  /** What DJL will load: the folder AVNAS_LIBTORCH named (via the launcher), or the bundled CPU build. */
  private static String libtorch(Properties p) {
    String dir = System.getenv("PYTORCH_LIBRARY_PATH");
    if (dir != null && !dir.isBlank()) {
      return System.getenv().getOrDefault("PYTORCH_VERSION", "?") + " " + System.getenv().getOrDefault("PYTORCH_FLAVOR", "?")
          + " from " + dir;
    }
    return p.getProperty("pytorch.version", "unknown") + ", cpu native from Maven";
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (String line : lines()) {
      out.println(line);
    }
    Path dir = plugins.dir().toAbsolutePath().normalize();
    if (Files.isDirectory(dir)) {
      for (PluginRegistry.Entry e : Workspace.plugins(plugins.dir(), spec.commandLine().getErr()).entries()) {
        PluginOrigin o = PluginOrigin.of("-", e.kind(), e.id(), e.factory().getClass());
        if (o.path() != null && Path.of(o.path()).startsWith(dir)) {
          out.println("plugin " + e.kind().label() + " " + e.id() + " " + (o.version() == null ? "(no version)" : o.version())
              + " (" + Path.of(o.path()).getFileName() + ", sha256 " + o.sha256() + ")");
        }
      }
    }
    out.flush();
  }

  /** Feeds {@code avnas --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
