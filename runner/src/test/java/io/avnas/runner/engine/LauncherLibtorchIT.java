package io.avnas.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.testing.Launcher;
import io.avnas.runner.testing.Launcher.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code AVNAS_LIBTORCH} switch, on the CPU: a libtorch folder laid out as the libtorch
 * zip lays it out ({@code lib/} and {@code build-version}), holding the CPU build DJL extracted into its
 * cache. The JNI is left out on purpose, so DJL takes it from pytorch-jni's jar, as it takes the cu128
 * JNI on a GPU machine. Runs after {@code package} built {@code runner/target/lib}.
 */
class LauncherLibtorchIT {
  private static Path launcher;
  private static Path cpuLibtorch;

  @TempDir Path work;

  @BeforeAll
  static void findLauncherAndTheCpuLibtorch() {
    launcher = Launcher.find("the launcher tests");
    // This JVM runs the bundled CPU build: where DJL extracted it is the folder a user would point at.
    Libtorch loaded = Libtorch.of(EngineSetup.start(0));
    Assumptions.assumeTrue(loaded.path().isPresent(), "DJL does not say where it loaded libtorch from");
    cpuLibtorch = loaded.path().get();
  }

  private Result avnas(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return Launcher.run(launcher, work, environment -> {
      for (String k : List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR")) {
        environment.remove(k);
      }
      environment.putAll(env);
    }, args);
  }

  /** A libtorch-zip-like folder: {@code <root>/lib} with the CPU libraries (not the JNI) and {@code <root>/build-version}. */
  private Path libtorchFolder(String buildVersion) throws IOException {
    Path lib = Files.createDirectories(work.resolve("libtorch/lib"));
    try (Stream<Path> files = Files.list(cpuLibtorch)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().contains("djl_torch")).toList()) {
        Files.createSymbolicLink(lib.resolve(f.getFileName()), f);
      }
    }
    Files.writeString(work.resolve("libtorch/build-version"), buildVersion + "\n");
    return lib;
  }

  @Test
  void doctorRunsOnTheNamedLibtorchWithoutTheBundledJar() throws Exception {
    Path lib = libtorchFolder("2.7.1+cpu");
    Result r = avnas(Map.of("AVNAS_LIBTORCH", lib.toString()), "doctor", "--json");
    assertEquals(0, r.exit(), r.err() + r.out());
    JsonObject d = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonObject libtorch = d.getAsJsonObject("libtorch");
    assertEquals(lib.toRealPath().toString(), Path.of(libtorch.get("path").getAsString()).toRealPath().toString(), libtorch.toString());
    assertEquals("AVNAS_LIBTORCH", libtorch.get("source").getAsString());
    assertEquals("cpu", libtorch.get("flavor").getAsString());
    assertEquals("2.7.1", libtorch.get("version").getAsString());
    assertTrue(d.getAsJsonObject("forward_backward").get("ok").getAsBoolean(), d.toString());
    assertFalse(r.err().contains("pytorch-native-cpu"), "the bundled CPU jar is off the path:\n" + r.err());
  }

  @Test
  void anotherLibtorchVersionNamesWhatToInstall() throws Exception {
    Path lib = Files.createDirectories(work.resolve("site-packages/torch/lib"));
    Files.createFile(lib.resolve("libtorch.so"));
    Files.writeString(lib.resolveSibling("version.py"), "__version__ = '2.6.0+cu124'\ncuda: Optional[str] = '12.4'\n");
    Result r = avnas(Map.of("AVNAS_LIBTORCH", lib.toString()), "version");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("is libtorch 2.6.0, but DJL 0.36 needs libtorch 2.7.x; install torch==2.7.1"), r.err());
  }

  @Test
  void aCudaBuildOtherThanCu128IsRefused() throws Exception {
    Path lib = Files.createDirectories(work.resolve("site-packages/torch/lib"));
    Files.createFile(lib.resolve("libtorch.so"));
    Files.createFile(lib.resolve("libtorch_cuda.so"));
    // pip's default CUDA wheel has no +cuXYZ suffix: the flavor comes from version.py's cuda line.
    Files.writeString(lib.resolveSibling("version.py"), "__version__ = '2.7.1'\ncuda: Optional[str] = '12.6'\n");
    Result r = avnas(Map.of("AVNAS_LIBTORCH", lib.toString()), "version");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("is libtorch 2.7.1 built for cu126, but DJL 0.36 ships its JNI for cpu and cu128"), r.err());
  }

  @Test
  void aFolderWithoutLibtorchOrVersionIsAOneLineError() throws Exception {
    Result missing = avnas(Map.of("AVNAS_LIBTORCH", work.resolve("nope").toString()), "version");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("is not a folder"), missing.err());
    Path empty = Files.createDirectories(work.resolve("empty"));
    Result noLib = avnas(Map.of("AVNAS_LIBTORCH", empty.toString()), "version");
    assertEquals(2, noLib.exit());
    assertTrue(noLib.err().contains("holds no libtorch.so"), noLib.err());
    Files.createFile(empty.resolve("libtorch.so"));
    Result unknown = avnas(Map.of("AVNAS_LIBTORCH", empty.toString()), "version");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("set PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128 (or cpu)"), unknown.err());
    // ... and with them set, the launcher goes on (version does not load libtorch).
    Result told = avnas(Map.of("AVNAS_LIBTORCH", empty.toString(), "PYTORCH_VERSION", "2.7.1", "PYTORCH_FLAVOR", "cpu"), "version");
    assertEquals(0, told.exit(), told.err());
    assertTrue(told.out().contains("libtorch 2.7.1 cpu from " + empty.toRealPath()), told.out());
  }
}
