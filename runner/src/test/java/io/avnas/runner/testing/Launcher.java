package io.avnas.runner.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code ./avnas} launcher as a subprocess, for the integration tests (*IT) that run after
 * {@code package} built {@code runner/target/lib}. Every process gets {@code AVNAS_NO_BUILD=1} and
 * {@code AVNAS_THREADS=1} and loses {@code AVNAS_ONLINE}.
 */
public final class Launcher {
  private Launcher() {}

  /** What one {@code ./avnas} call printed, and its exit status. */
  public record Result(int exit, String out, String err) {}

  /**
   * The launcher of the repository Maven names in {@code test.avnas.root}; skips the test when it is not
   * set, the launcher is not executable or {@code runner/target/lib} is missing.
   *
   * @param tests what needs {@code runner/target/lib}, for the skip message, e.g. {@code "the kill tests"}
   */
  public static Path find(String tests) {
    String root = System.getProperty("test.avnas.root");
    Assumptions.assumeTrue(root != null, "test.avnas.root is not set: run through Maven (mvn -B verify)");
    Path launcher = Path.of(root).resolve("avnas").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
    Assumptions.assumeTrue(Files.isDirectory(launcher.resolveSibling("runner/target/lib")),
        "runner/target/lib is missing: " + tests + " need `mvn package` first");
    return launcher;
  }

  /** {@code launcher args...} in {@code dir}, stdout to {@code out} and stderr to {@code err}, not started. */
  public static ProcessBuilder process(Path launcher, Path dir, Path out, Path err, List<String> args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("AVNAS_NO_BUILD", "1");
    builder.environment().put("AVNAS_THREADS", "1");
    builder.environment().remove("AVNAS_ONLINE");
    return builder;
  }

  /**
   * Runs {@code launcher args...} with {@code work} as the working directory (its output goes to
   * {@code work/out.txt} and {@code work/err.txt}) and waits for it, at most 120 s.
   *
   * @param environment changes to the process environment, after the ones every process gets
   */
  public static Result run(Path launcher, Path work, Consumer<Map<String, String>> environment, String... args)
      throws IOException, InterruptedException {
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    ProcessBuilder builder = process(launcher, work, out, err, List.of(args));
    environment.accept(builder.environment());
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "avnas " + String.join(" ", args) + " did not finish in 120 s");
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
