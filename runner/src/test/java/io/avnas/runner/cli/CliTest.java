package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.testing.CliRun;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands in process, through {@link AvnasCommand#commandLine()} as {@code Main} runs them. */
class CliTest {
  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @TestFactory
  List<DynamicTest> everyRegisteredCommandAnswersHelp() {
    List<DynamicTest> tests = new ArrayList<>();
    collect(AvnasCommand.commandLine(), List.of(), tests);
    assertTrue(tests.size() >= 4, "avnas, plugins, config, version at least");
    return tests;
  }

  private static void collect(CommandLine command, List<String> path, List<DynamicTest> tests) {
    tests.add(DynamicTest.dynamicTest("avnas " + String.join(" ", path) + " --help", () -> {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun run = run(args.toArray(String[]::new));
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().startsWith("Usage: avnas"), run.out());
      assertTrue(run.err().isEmpty(), run.err());
    }));
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
        continue; // `avnas help` is picocli's own and takes a command name, not --help
      }
      if (sub.getValue().getCommandSpec().aliases().length > 0 && sub.getKey().equals(sub.getValue().getCommandSpec().aliases()[0])) {
        continue;
      }
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      collect(sub.getValue(), next, tests);
    }
  }

  @Test
  void versionNamesAvnasDjlAndJava() {
    CliRun run = run("version");
    assertEquals(0, run.exit());
    assertTrue(run.out().matches("(?s)avnas \\d+\\.\\d+.*\\nDJL 0\\.36\\.0.*libtorch 2\\.7\\.1.*\\nJava 17.*"), run.out());
  }

  @Test
  void invalidConfigExitsTwoWithOneLine() {
    CliRun run = run("config", "-Davnas.search.epochs=0");
    assertEquals(AvnasCommand.EXIT_INVALID, run.exit());
    assertEquals("avnas: avnas.search.epochs: value 0 is not allowed; allowed: an integer in [1, 100000]", run.err().strip());
    assertTrue(run.out().isEmpty(), "no partial tree on stdout");
  }

  @Test
  void unknownEstimatorIdExitsTwoNamingItAndTheValidIds() throws IOException {
    TestJars.builder().provider(EstimatorFactory.class, "t.Known",
        TestJars.stub(EstimatorFactory.class, "t.Known", "known-one", "")).write(dir.resolve("known.jar"));
    CliRun run = run("config", "--plugins", dir.toString(), "-Davnas.estimator.id=nope");
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("avnas.estimator.id") && run.err().contains("\"nope\"") && run.err().contains("known-one"), run.err());
  }

  @Test
  void missingConfigFileExitsTwo() {
    CliRun run = run("config", dir.resolve("absent.conf").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("absent.conf") && run.err().contains("does not exist"), run.err());
  }

  @Test
  void duplicatePluginIdsExitTwoWithOneLine() throws IOException {
    for (String name : List.of("one", "two")) {
      TestJars.builder().provider(EstimatorFactory.class, name + ".Twin",
          TestJars.stub(EstimatorFactory.class, name + ".Twin", "twin", "")).write(dir.resolve(name + ".jar"));
    }
    CliRun run = run("plugins", "--plugins", dir.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("one.jar") && run.err().contains("two.jar"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void pluginsTableShowsKindIdDescriptionAndJar() throws IOException {
    TestJars.builder().provider(EstimatorFactory.class, "t.Listed",
        TestJars.stub(EstimatorFactory.class, "t.Listed", "listed-one", "")).write(dir.resolve("listed.jar"));
    Files.writeString(dir.resolve("broken.jar"), "not a jar");
    CliRun run = run("plugins", "--plugins", dir.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("KIND"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("estimator\\s+listed-one\\s+test stub listed-one\\s+listed\\.jar")), run.out());
    assertTrue(run.err().contains("avnas: warning: broken.jar: not a readable jar"), run.err());
  }

  @Test
  void configComposesTheExamplePluginAndAPluginsValidateHasTheLastWord() throws IOException {
    Path example = TestJars.exampleJar();
    Assumptions.assumeTrue(example != null, "examples/estimator-example is not built (run the reactor: mvn -B verify)");
    Files.copy(example, dir.resolve(example.getFileName()));
    TestJars.stubsForOtherKinds(dir.resolve("stubs.jar"));
    List<String> args = new ArrayList<>(List.of("config", "--plugins", dir.toString(), "-Davnas.estimator.id=softmax-tau"));
    TestJars.SELECT_STUBS.forEach((k, v) -> args.add("-D" + k + "=" + v));

    CliRun ok = run(args.toArray(String[]::new));
    assertEquals(0, ok.exit(), ok.err());
    assertTrue(ok.out().contains("# avnas.estimator.id = softmax-tau  (estimator from " + example.getFileName() + ")"), ok.out());
    assertTrue(ok.out().contains("# estimator built: softmax-tau, tau "), ok.out());

    args.add("-Davnas.estimator.tau=0");
    CliRun bad = run(args.toArray(String[]::new));
    assertEquals(2, bad.exit());
    // The range is the example's own (SoftmaxTauFactory.MIN_TAU), so this message comes from its validate().
    assertEquals("avnas: avnas.estimator.tau: value 0.0 is not allowed; allowed: a number in [0.001, 1000000]", bad.err().strip());
  }
}
