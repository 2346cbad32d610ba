package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.testing.CliRun;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command that discovers plugins takes {@code --plugins DIR}. */
class PluginsOptionTest {
  /** Commands that never discover plugins: {@code report} renders a finished run folder, {@code help} prints usage. */
  private static final List<String> WITHOUT_PLUGINS = List.of("avnas report", "avnas help");

  @TempDir Path dir;

  @Test
  void everyCommandButReportAndHelpTakesPlugins() {
    List<String> missing = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    collect(AvnasCommand.commandLine(), leaves);
    for (String leaf : leaves) {
      CommandLine command = find(AvnasCommand.commandLine(), leaf);
      if (!WITHOUT_PLUGINS.contains(leaf) && command.getCommandSpec().findOption("--plugins") == null) {
        missing.add(leaf);
      }
    }
    assertTrue(leaves.contains("avnas estimators bench") && leaves.contains("avnas bench search"), leaves.toString());
    assertEquals(List.of(), missing, "commands without --plugins");
  }

  @Test
  void versionListsEachPluginJarWithItsVersionAndChecksum() throws IOException, NoSuchAlgorithmException {
    Path example = TestJars.exampleJar();
    Assumptions.assumeTrue(example != null, "examples/estimator-example is not built (run the reactor: mvn -B verify)");
    Path jar = Files.copy(example, dir.resolve(example.getFileName()));
    CliRun r = CliRun.of("version", "--plugins", dir.toString());
    assertEquals(0, r.exit(), r.err());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("plugin estimator softmax-tau ") && l.endsWith(
        "(" + jar.getFileName() + ", sha256 " + sha + ")")), r.out());
    // Built-in plugins come with avnas's own version line, not as plugin lines.
    assertTrue(r.out().lines().noneMatch(l -> l.contains(" reinmax ")), r.out());
  }

  private static void collect(CommandLine command, List<String> leaves) {
    if (command.getSubcommands().isEmpty()) {
      leaves.add(command.getCommandSpec().qualifiedName());
      return;
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      // Aliases map to the same CommandLine: each command once.
      if (sub.getCommandName().equals(sub.getCommandSpec().name())) {
        collect(sub, leaves);
      }
    }
  }

  private static CommandLine find(CommandLine root, String qualified) {
    CommandLine current = root;
    for (String part : qualified.split(" ")) {
      if (!part.equals(root.getCommandName())) {
        current = current.getSubcommands().get(part);
      }
    }
    return current;
  }
}
