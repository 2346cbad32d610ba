package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginLoader;
import io.avnas.runner.plugins.PluginOrigin;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provenance.json} names every selected plugin's id, version, module, jar and the jar's SHA-256. */
class PluginProvenanceTest {
  @TempDir Path dir;

  @Test
  void aPluginJarIsRecordedWithItsVersionAndChecksum() throws IOException, NoSuchAlgorithmException {
    Path example = TestJars.exampleJar();
    Assumptions.assumeTrue(example != null, "examples/estimator-example is not built (run the reactor: mvn -B verify)");
    Path jar = Files.copy(example, Files.createDirectories(dir.resolve("plugins")).resolve(example.getFileName()));
    PluginRegistry registry = PluginRegistry.discover(PluginLoader.load(jar.getParent(), getClass().getClassLoader()));
    EstimatorFactory factory = registry.get(EstimatorFactory.class, PluginKind.ESTIMATOR, "softmax-tau", "avnas.estimator.id");
    Config config = TestRuns.config(Map.of());
    Estimator estimator = factory.create(TestRuns.estimatorBlock(TestRuns.config(Map.of("avnas.estimator.tau", "0.5"))));
    PluginOrigin origin = PluginOrigin.of("avnas.estimator", PluginKind.ESTIMATOR, "softmax-tau", factory.getClass());
    Setup setup = new Setup(config, estimator, TestRuns.bimodal(), p -> Map.of(), (d, p) -> null, runDir -> {},
        Setup.EpochHook.NONE, List.of(origin));

    JsonArray plugins = Provenance.collect(setup, Engine.getInstance(), Device.cpu(), 1).toJson().getAsJsonArray("plugins");
    assertEquals(1, plugins.size());
    JsonObject entry = plugins.get(0).getAsJsonObject();
    assertEquals("avnas.estimator", entry.get("block").getAsString());
    assertEquals("estimator", entry.get("kind").getAsString());
    assertEquals("softmax-tau", entry.get("id").getAsString());
    assertEquals(jar.toAbsolutePath().normalize().toString(), entry.get("jar").getAsString());
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    assertEquals(expected, entry.get("sha256").getAsString());
    // Maven's pom.properties inside the jar: the version in the file name avnas-estimator-example-<version>.jar.
    String name = jar.getFileName().toString();
    assertEquals(name.substring("avnas-estimator-example-".length(), name.length() - ".jar".length()),
        entry.get("version").getAsString());
    // This runner runs on the class path in tests, so the jar takes the class-path route: no module.
    assertTrue(entry.get("module").isJsonNull(), entry.toString());
  }

  @Test
  void aSetupBuiltWithoutOriginsRecordsItsEstimatorsAndSearchSpacesCode() {
    Config config = TestRuns.config(Map.of());
    Estimator estimator = Estimators.create("stgs", 0.5);
    Setup setup = new Setup(config, estimator, TestRuns.bimodal(), p -> Map.of(), (d, p) -> null, runDir -> {},
        Setup.EpochHook.NONE);
    assertEquals(List.of("bimodal", "stgs"), setup.plugins().stream().map(PluginOrigin::id).toList());
    for (PluginOrigin origin : setup.plugins()) {
      assertNotNull(origin.path(), origin.toString());
      // A module's classes folder (reactor build) has no checksum; a jar has one.
      if (Files.isDirectory(Path.of(origin.path()))) {
        assertNull(origin.sha256(), origin.toString());
      } else {
        assertEquals(64, origin.sha256().length(), origin.toString());
      }
    }
  }
}
