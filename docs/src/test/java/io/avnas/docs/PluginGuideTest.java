package io.avnas.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/plugin-guide.md is enough to build a plugin outside this repository: the guide shows the
 * example's standalone pom verbatim, and that pom builds {@code examples/estimator-example} (no
 * parent, only the avnas BOM) offline, tests included, against avnas artifacts installed into a
 * temporary local repository.
 */
class PluginGuideTest {
  private static final Path ROOT = Path.of(System.getProperty("test.avnas.root", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("test.avnas.version", "");
  private static final Path STANDALONE = ROOT.resolve("examples/estimator-example/standalone-pom.xml");
  /** The outside build compiles and runs the example's tests (the contract kit): about 30 s on 2 cores. */
  private static final long BUILD_TIMEOUT_SECONDS = 300;

  @Test
  void theGuideShowsTheStandalonePomVerbatimAndItTargetsThisVersion() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/plugin-guide.md"));
    Matcher block = Pattern.compile("(?s)<!-- standalone-pom.xml -->\\s*```xml\\n(.*?)```").matcher(guide);
    assertTrue(block.find(), "plugin-guide.md must show examples/estimator-example/standalone-pom.xml after "
        + "<!-- standalone-pom.xml --> in an ```xml block");
    assertEquals(Files.readString(STANDALONE).strip(), block.group(1).strip(),
        "the pom in plugin-guide.md must be examples/estimator-example/standalone-pom.xml, verbatim");
    assertTrue(Files.readString(STANDALONE).contains("<avnas.version>" + VERSION + "</avnas.version>"),
        "standalone-pom.xml must target this avnas version, " + VERSION);
    assertTrue(!Files.readString(STANDALONE).contains("<parent>"), "an outside project has no avnas parent");
  }

  @Test
  void theExampleBuildsAsAnOutsideProjectOfflineWithOnlyTheBom(@TempDir Path temp) throws Exception {
    Path api = ROOT.resolve("platform-api/target/platform-api-" + VERSION + ".jar");
    Path support = ROOT.resolve("platform-support/target/platform-support-" + VERSION + ".jar");
    Path testkit = ROOT.resolve("platform-testkit/target/platform-testkit-" + VERSION + ".jar");
    assumeTrue(Files.isRegularFile(api) && Files.isRegularFile(support) && Files.isRegularFile(testkit),
        "platform-api, platform-support and platform-testkit are not packaged; run the reactor through package (mvn -B verify)");
    Path shared = Path.of(System.getProperty("test.maven.repo", System.getProperty("user.home") + "/.m2/repository"));

    Path repo = temp.resolve("repo");
    linkThirdParty(shared, repo);
    install(repo, "avnas-parent", ROOT.resolve("pom.xml"), null);
    install(repo, "avnas-bom", ROOT.resolve("avnas-bom/pom.xml"), null);
    install(repo, "platform-api", ROOT.resolve("platform-api/pom.xml"), api);
    install(repo, "platform-support", ROOT.resolve("platform-support/pom.xml"), support);
    install(repo, "platform-testkit", ROOT.resolve("platform-testkit/pom.xml"), testkit);

    Path project = temp.resolve("softmax-tau");
    copyTree(ROOT.resolve("examples/estimator-example/src"), project.resolve("src"));
    Files.copy(STANDALONE, project.resolve("pom.xml"));

    Path log = temp.resolve("build.log");
    ProcessBuilder builder = new ProcessBuilder(maven(), "-B", "-o", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo, "verify")
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DJL_OFFLINE", "true");
    Process process = builder.start();
    boolean finished = process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String tail = output.substring(Math.max(0, output.length() - 4000));
    assertTrue(finished, "the outside build did not finish in " + BUILD_TIMEOUT_SECONDS + " s:\n" + tail);
    assertEquals(0, process.exitValue(), "the outside build failed:\n" + tail);

    Path jar = project.resolve("target/softmax-tau-estimator-1.0.0.jar");
    assertTrue(Files.isRegularFile(jar), "no plugin jar:\n" + tail);
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String entry : List.of("module-info.class", "reference.conf", "META-INF/services/io.avnas.api.estimator.EstimatorFactory")) {
        assertTrue(file.getJarEntry(entry) != null, "the plugin jar lacks " + entry);
      }
    }
    // The tests ran, ServiceLoader discovery and the contract kit (reference gradient included) among them.
    String contract = Files.readString(project.resolve(
        "target/surefire-reports/TEST-io.avnas.example.estimator.SoftmaxTauContractTest.xml"));
    assertTrue(contract.contains("errors=\"0\"") && contract.contains("failures=\"0\""), contract);
    assertTrue(Pattern.compile("<testcase name=\"gradientMatchesTheAuthorsReference\"[^>]*/>").matcher(contract).find(),
        "the reference-gradient check must run (not be skipped) in the outside build");
    String unit = Files.readString(project.resolve("target/surefire-reports/TEST-io.avnas.example.estimator.SoftmaxTauEstimatorTest.xml"));
    assertTrue(unit.contains("isDiscoveredThroughServiceLoader") && unit.contains("failures=\"0\"") && unit.contains("errors=\"0\""),
        unit);
  }

  /** This build's Maven (the docs module's surefire passes its home), else {@code mvn} on the PATH. */
  private static String maven() {
    String home = System.getProperty("test.maven.home", "");
    Path mvn = Path.of(home, "bin", "mvn");
    return !home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
  }

  /**
   * Third-party artifacts come from the shared local repository through links, one per group folder,
   * every one but {@code io/avnas}: the outside build runs offline and so only reads them, and the
   * avnas artifacts it sees are the ones installed here, never what another build left in the shared
   * repository.
   */
  private static void linkThirdParty(Path shared, Path repo) throws IOException {
    Files.createDirectories(repo.resolve("io/avnas"));
    try (Stream<Path> top = Files.list(shared)) {
      for (Path group : top.collect(Collectors.toList())) {
        if (!group.getFileName().toString().equals("io")) {
          Files.createSymbolicLink(repo.resolve(group.getFileName().toString()), group);
        }
      }
    }
    if (Files.isDirectory(shared.resolve("io"))) {
      try (Stream<Path> io = Files.list(shared.resolve("io"))) {
        for (Path group : io.collect(Collectors.toList())) {
          if (!group.getFileName().toString().equals("avnas")) {
            Files.createSymbolicLink(repo.resolve("io").resolve(group.getFileName().toString()), group);
          }
        }
      }
    }
  }

  /** What {@code mvn install} leaves in a local repository: the pom, and the jar if there is one. */
  private static void install(Path repo, String artifactId, Path pom, Path jar) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("io/avnas").resolve(artifactId).resolve(VERSION));
    String base = artifactId + "-" + VERSION;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
