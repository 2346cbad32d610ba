package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.backbone.Modality;
import io.avnas.runner.config.PretrainSettings;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrain stage of {@code run}: its cache key, and that a second run reuses the weights. */
class PretrainedWeightsTest {
  @TempDir Path dir;

  /** The quickstart profile, shrunk so one pretrain epoch takes about a second. */
  private Map<String, String> tiny() {
    Map<String, String> o = new HashMap<>();
    o.put("avnas.features.cache-dir", dir.resolve("cache").toString());
    o.put("avnas.dataset.synthetic.clips", "40");
    o.put("avnas.dataset.synthetic.identities", "8");
    o.put("avnas.preprocess.frames", "2");
    o.put("avnas.preprocess.image-size", "32");
    o.put("avnas.preprocess.audio-seconds", "0.5");
    o.put("avnas.pretrain.epochs", "1");
    o.put("avnas.pretrain.batch-size", "8");
    return o;
  }

  private Workspace open(Map<String, String> overrides) throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    return Workspace.open(plugins, null, overrides, new PrintWriter(new StringWriter()));
  }

  private String key(Map<String, String> changes) throws IOException {
    Map<String, String> o = tiny();
    o.putAll(changes);
    Workspace w = open(o);
    return PretrainedWeights.key(new Plugins(w), PretrainSettings.from(w.config()), EnumSet.allOf(Modality.class));
  }

  @Test
  void keyChangesWithEveryInputAndOnlyWithThem() throws IOException {
    String base = key(Map.of());
    assertEquals(base, key(Map.of()), "the key is a pure function of the config");
    Map<String, Map<String, String>> inputs = new LinkedHashMap<>();
    inputs.put("backbone config", Map.of("avnas.backbone.visual.width", "0.5"));
    inputs.put("dataset (clip list and fingerprint)", Map.of("avnas.dataset.synthetic.clips", "44"));
    inputs.put("dataset generator settings", Map.of("avnas.dataset.synthetic.difficulty", "0.4"));
    inputs.put("split ratios", Map.of("avnas.dataset.split.train", "0.55", "avnas.dataset.split.test", "0.2"));
    inputs.put("preprocessing", Map.of("avnas.preprocess.image-size", "40"));
    inputs.put("pretrain epochs", Map.of("avnas.pretrain.epochs", "2"));
    inputs.put("pretrain lr", Map.of("avnas.pretrain.lr", "0.002"));
    inputs.put("pretrain batch size", Map.of("avnas.pretrain.batch-size", "4"));
    inputs.put("seed", Map.of("avnas.seed", "7"));
    inputs.put("pretrain sync weight", Map.of("avnas.pretrain.sync-weight", "0.5"));
    for (Map.Entry<String, Map<String, String>> input : inputs.entrySet()) {
      assertNotEquals(base, key(input.getValue()), "the key must change with the " + input.getKey());
    }
    // Where the weights go, and what runs after pretraining, are no part of what they are.
    assertEquals(base, key(Map.of("avnas.pretrain.out-dir", dir.resolve("elsewhere").toString())));
    assertEquals(base, key(Map.of("avnas.features.cache-dir", dir.resolve("other-cache").toString())));
    assertEquals(base, key(Map.of("avnas.search.epochs", "3", "avnas.estimator.id", "stgs")));
    // With the sync objective on, the sync weight and L (the steps it compares) are part of the key;
    // off, L only shapes the features, not the weights.
    String sync = key(Map.of("avnas.pretrain.sync-weight", "0.5"));
    assertNotEquals(sync, key(Map.of("avnas.pretrain.sync-weight", "1")));
    assertNotEquals(sync, key(Map.of("avnas.pretrain.sync-weight", "0.5", "avnas.searchspace.L", "4")));
    // (The quickstart turns the objective on, so "off" is set here.)
    String off = key(Map.of("avnas.pretrain.sync-weight", "0"));
    assertNotEquals(off, base);
    assertEquals(off, key(Map.of("avnas.pretrain.sync-weight", "0", "avnas.searchspace.L", "4")));
  }

  @Test
  void withoutSyncTheKeyTextIsTheOneBeforeTheObjectiveExisted() {
    // Weights cached before avnas.pretrain.sync-weight existed were trained exactly as sync-weight = 0
    // trains now, so their key must still match.
    PretrainSettings off = new PretrainSettings(6, 0.001, 16, dir, true, 0, 8);
    assertEquals("epochs=6 lr=0.001 batch-size=16", off.keyPart());
    // On, both backbones keep one jointly selected epoch (select=joint).
    assertEquals("epochs=6 lr=0.001 batch-size=16 sync-weight=0.5 sync-length=8 select=joint",
        new PretrainSettings(6, 0.001, 16, dir, true, 0.5, 8).keyPart());
  }

  @Test
  void secondRunIsACacheHitWithTheSameWeights() throws IOException {
    Map<String, String> o = tiny();
    o.put("avnas.pretrain.auto", "true");
    StringWriter first = new StringWriter();
    PretrainedWeights.Prepared a = PretrainedWeights.prepare(open(o), new PrintWriter(first, true));
    assertEquals(List.of("pretrained", "pretrained"), a.weights().stream().map(RunResults.Weights::source).toList());
    Path visual = Path.of(a.weights().get(0).file());
    assertTrue(Files.isRegularFile(visual), visual + " was written");
    assertEquals(visual.toString(), a.workspace().config().getString("avnas.backbone.visual.weights"),
        "the stage hands on a workspace whose backbone loads the new weights");
    byte[] written = Files.readAllBytes(visual);

    StringWriter second = new StringWriter();
    PretrainedWeights.Prepared b = PretrainedWeights.prepare(open(o), new PrintWriter(second, true));
    assertTrue(second.toString().contains("weights cache hit"), second.toString());
    assertTrue(!second.toString().contains("epoch 1"), "a cache hit trains nothing: " + second);
    assertEquals(List.of("cache", "cache"), b.weights().stream().map(RunResults.Weights::source).toList());
    assertEquals(a.weights().get(0).file(), b.weights().get(0).file());
    assertArrayEquals(written, Files.readAllBytes(visual));
    assertEquals(a.weights().get(0).key(), b.weights().get(0).key());

    // A damaged record is a miss, not a crash: the weights are trained again.
    Files.writeString(visual.resolveSibling(PretrainedWeights.RECORD), "{not json");
    PretrainedWeights.Prepared c = PretrainedWeights.prepare(open(o), new PrintWriter(new StringWriter()));
    assertEquals("pretrained", c.weights().get(0).source());
  }

  @Test
  void offOrConfiguredWeightsTrainNothing() throws IOException {
    Map<String, String> o = tiny();
    o.put("avnas.pretrain.auto", "false");
    PretrainedWeights.Prepared off = PretrainedWeights.prepare(open(o), new PrintWriter(new StringWriter()));
    assertEquals(List.of("random", "random"), off.weights().stream().map(RunResults.Weights::source).toList());
    assertNull(off.weights().get(0).file());
    assertTrue(!Files.exists(dir.resolve("cache/weights")), "nothing is pretrained with avnas.pretrain.auto = false");

    o.put("avnas.pretrain.auto", "true");
    // Only checked for existence when the workspace opens; never loaded here.
    o.put("avnas.backbone.audio.weights", Files.writeString(dir.resolve("mine.params"), "").toString());
    Workspace w = open(o);
    String onlyVisual = PretrainedWeights.key(new Plugins(w), PretrainSettings.from(w.config()), EnumSet.of(Modality.VISUAL));
    assertNotEquals(key(Map.of()), onlyVisual, "the key names which backbones were pretrained");
    // The sync objective needs both backbones in training: pretraining one alone ignores it.
    o.put("avnas.pretrain.sync-weight", "0.5");
    Workspace synced = open(o);
    assertEquals(onlyVisual, PretrainedWeights.key(new Plugins(synced), PretrainSettings.from(synced.config()),
        EnumSet.of(Modality.VISUAL)));
  }
}
