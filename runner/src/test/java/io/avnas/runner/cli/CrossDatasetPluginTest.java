package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.runner.testing.CliRun;
import io.avnas.runner.testing.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-dataset evaluation ({@code avnas.evaluate.cross}) scores the detector on a dataset that only
 * a third-party jar in {@code --plugins DIR} provides: the evaluation must use the plugins the run
 * already loaded, not rediscover them from the default {@code ./plugins}.
 */
class CrossDatasetPluginTest {
  @TempDir Path dir;

  /**
   * A dataset plugin with its own id that serves the synthetic clips of another seed, so its test
   * split is real clips and differs from the run's own. It counts its opens in a system property, so
   * the test can tell that this class, from the jar, served the cross split.
   */
  private static final String FACTORY = """
      package org.thirdparty.data;

      import io.avnas.api.ConfigBlock;
      import io.avnas.api.data.DatasetProvider;
      import io.avnas.api.data.DatasetProviderFactory;
      import io.avnas.datasets.av.SyntheticDatasetFactory;

      public final class OtherSeedFactory implements DatasetProviderFactory {
        private final DatasetProviderFactory synthetic = new SyntheticDatasetFactory();

        @Override public String id() { return "other-seed"; }
        @Override public String description() { return "synthetic clips of seed + 1000 (test plugin)"; }
        @Override public void validate(ConfigBlock block) { synthetic.validate(block); }
        @Override public DatasetProvider open(ConfigBlock block, long seed) {
          System.setProperty("other-seed.opens", String.valueOf(Integer.getInteger("other-seed.opens", 0) + 1));
          return synthetic.open(block, seed + 1000);
        }
      }
      """;

  @Test
  void aDatasetFromThePluginsFolderIsEvaluatedAcross() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    new TestJars.Builder().provider(DatasetProviderFactory.class, "org.thirdparty.data.OtherSeedFactory", FACTORY)
        .write(plugins.resolve("other-seed.jar"));
    System.clearProperty("other-seed.opens");
    CliRun r = CliRun.of("run", "--plugins", plugins.toString(),
        "-Davnas.features.cache-dir=" + dir.resolve("cache"), "-Davnas.run.dir=" + dir.resolve("runs"),
        "-Davnas.run.name=cross", "-Davnas.dataset.synthetic.clips=48", "-Davnas.dataset.synthetic.identities=8",
        "-Davnas.preprocess.frames=2", "-Davnas.preprocess.image-size=32", "-Davnas.preprocess.audio-seconds=0.5",
        "-Davnas.pretrain.auto=false", "-Davnas.search.epochs=1", "-Davnas.retrain.epochs=1",
        "-Davnas.searchspace.C=8", "-Davnas.search.batch-size=16", "-Davnas.retrain.batch-size=16",
        "-Davnas.evaluate.cross=[{id = other-seed}]");
    assertEquals(0, r.exit(), r.err());
    JsonObject results = JsonParser.parseString(Files.readString(dir.resolve("runs/cross/results.json"))).getAsJsonObject();
    JsonObject cross = results.getAsJsonObject("cross").getAsJsonObject("other-seed");
    // 48 clips split 70/15/15 by identity: the test split has a handful of clips, never none.
    assertTrue(cross.get("n").getAsInt() > 0, cross.toString());
    double auc = cross.get("auc").getAsDouble();
    assertTrue(auc >= 0 && auc <= 1, "auc " + auc);
    assertTrue(Integer.getInteger("other-seed.opens", 0) >= 1, "the jar's factory served the cross-dataset split");
  }

  @Test
  void aCrossDatasetBlockThatNamesNoPluginFailsBeforeAnyStage() {
    CliRun r = CliRun.of("run", "--plugins", dir.resolve("plugins").toString(),
        "-Davnas.features.cache-dir=" + dir.resolve("cache"), "-Davnas.run.dir=" + dir.resolve("runs"),
        "-Davnas.run.name=typo", "-Davnas.evaluate.cross=[{id = other-sead}]");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("avnas.evaluate.cross[0]") && r.err().contains("other-sead"), r.err());
    assertFalse(Files.exists(dir.resolve("runs/typo")), "nothing is written before the plan holds");
    assertFalse(Files.exists(dir.resolve("cache")), "no stage ran");
  }
}
