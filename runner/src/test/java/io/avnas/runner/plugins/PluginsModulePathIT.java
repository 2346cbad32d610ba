package io.avnas.runner.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.testing.Launcher;
import io.avnas.runner.testing.Launcher.Result;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./avnas} launcher as a subprocess: the runner in a named module on the module path,
 * so the example plugin (a modular jar) goes through the module-layer route, and plain jars through
 * the class-path fallback. Runs in the {@code integration-test} phase, after {@code package} built
 * {@code runner/target/lib}.
 */
class PluginsModulePathIT {
  private static Path launcher;
  private static Path example;

  @TempDir Path work;
  private Path plugins;

  @BeforeAll
  static void findLauncherAndExample() throws IOException {
    launcher = Launcher.find("the module-path tests");
    example = TestJars.exampleJar();
    Assumptions.assumeTrue(example != null, "examples/estimator-example is not built (run the reactor: mvn -B verify)");
  }

  @BeforeEach
  void pluginsFolder() throws IOException {
    plugins = Files.createDirectories(work.resolve("plugins"));
    Files.copy(example, plugins.resolve(example.getFileName()));
  }

  /** Runs {@code ./avnas args...} with {@code work} as the working directory (not the repository). */
  private Result avnas(String... args) throws IOException, InterruptedException {
    return Launcher.run(launcher, work, environment -> {}, args);
  }

  private List<String> selectExampleAndStubs() throws IOException {
    TestJars.stubsForOtherKinds(plugins.resolve("stubs.jar"));
    List<String> args = new ArrayList<>(List.of("config", "--plugins", plugins.toString(), "-Davnas.estimator.id=softmax-tau"));
    TestJars.SELECT_STUBS.forEach((k, v) -> args.add("-D" + k + "=" + v));
    return args;
  }

  @Test
  void pluginsListsTheExampleAsAModuleFromItsJar() throws Exception {
    Result r = avnas("plugins", "--plugins", plugins.toString());
    assertEquals(0, r.exit(), r.err());
    String row = r.out().lines().filter(l -> l.startsWith("estimator") && l.contains("softmax-tau")).findFirst().orElse("");
    assertTrue(row.endsWith("module io.avnas.example.estimator (" + example.getFileName() + ")"),
        "the module-layer route names the module and its jar:\n" + r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void theDefaultPluginsFolderIsRelativeToTheWorkingDirectory() throws Exception {
    Result r = avnas("plugins");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("softmax-tau"), "./plugins of the working directory is read:\n" + r.out());
  }

  @Test
  void configComposesTheExampleThroughGuice() throws Exception {
    List<String> args = selectExampleAndStubs();
    // Explicit, so the value is the user's (without it the example's own reference.conf default, 1.0, applies).
    args.add("-Davnas.estimator.tau=0.5");
    Result r = avnas(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("# avnas.estimator.id = softmax-tau  (estimator from module io.avnas.example.estimator ("
        + example.getFileName() + "))"), r.out());
    // Printed from the Estimator the injector built through the example's factory.
    assertTrue(r.out().contains("# estimator built: softmax-tau, tau 0.5, forward soft"), r.out());
    // The stubs are a plain jar: the class-path fallback, inside the module-path runner.
    assertTrue(r.out().contains("# avnas.dataset.id = test-dataset  (dataset from stubs.jar)"), r.out());
  }

  @Test
  void aWrongPluginValueIsReportedByThePluginsOwnValidate() throws Exception {
    List<String> args = selectExampleAndStubs();
    args.add("-Davnas.estimator.tau=0.0001");
    Result r = avnas(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.out());
    assertEquals("avnas: avnas.estimator.tau: value 1.0E-4 is not allowed; allowed: a number in [0.001, 1000000]", r.err().strip());
  }

  @Test
  void anUnknownIdNamesItAndTheValidIds() throws Exception {
    Result r = avnas("config", "--plugins", plugins.toString(), "-Davnas.estimator.id=nope");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("\"nope\"") && r.err().contains("softmax-tau"), r.err());
  }

  @Test
  void brokenJarsAreReportedAndTheExampleStillLoads() throws Exception {
    Files.write(plugins.resolve("corrupt.jar"), new byte[] {1, 2, 3});
    TestJars.builder().provider(io.avnas.api.estimator.EstimatorFactory.class, "bad.Throwing",
        TestJars.stub(io.avnas.api.estimator.EstimatorFactory.class, "bad.Throwing", "throwing",
            "  public Throwing() { throw new IllegalStateException(\"boom\"); }\n")).write(plugins.resolve("throws.jar"));
    Result r = avnas("plugins", "--plugins", plugins.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("softmax-tau"), r.out());
    assertTrue(r.err().contains("avnas: warning: corrupt.jar: not a readable jar"), r.err());
    assertTrue(r.err().contains("avnas: warning: throws.jar: estimator plugin bad.Throwing failed to start (IllegalStateException: boom)"), r.err());
  }

  @Test
  void aModularJarThatDoesNotResolveFallsBackToTheClassPath() throws Exception {
    TestJars.unresolvableModule(plugins.resolve("unresolvable.jar"), "fallback-one");
    Result r = avnas("plugins", "--plugins", plugins.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("avnas: warning: unresolvable.jar: does not resolve as a module (")
        && r.err().contains("missing.module") && r.err().contains("loading it on the class path instead"), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("estimator") && l.contains("fallback-one") && l.endsWith("unresolvable.jar")), r.out());
    assertTrue(r.out().contains("softmax-tau"), "the other jars still load:\n" + r.out());
  }

  @Test
  void everyCommandAnswersHelpThroughTheLauncher() throws Exception {
    for (String command : List.of("plugins", "config", "version")) {
      Result r = avnas(command, "--help");
      assertEquals(0, r.exit(), command + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: avnas " + command), r.out());
    }
  }
}
