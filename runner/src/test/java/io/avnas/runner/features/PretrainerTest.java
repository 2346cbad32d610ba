package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {
  @TempDir Path dir;

  /** Inputs whose fake streams carry a plain signal: +1 on every frame value, x3 on the waveform. */
  private static final ClipInputs SIGNAL = clip -> {
    float[] v = clip.frames().clone();
    float[] a = clip.waveform().clone();
    if (clip.info().fakeVideo()) {
      for (int i = 0; i < v.length; i++) {
        v[i] += 1f;
      }
    }
    if (clip.info().fakeAudio()) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= 3f;
      }
    }
    return new ClipInputs.Prepared(v, a);
  };

  @Test
  void learnsEachModalitysLabelAndWritesLoadableWeights() throws IOException {
    TestClips.Provider provider = new TestClips.Provider(40, Set.of());
    List<ClipInfo> clips = provider.clips();
    Map<Split, List<ClipInfo>> splits = Map.of(Split.TRAIN, clips.subList(0, 28), Split.VAL, clips.subList(28, 40));
    StringWriter log = new StringWriter();
    try (NDManager manager = NDManager.newBaseManager();
        ClipBatches batches = new ClipBatches(provider, SIGNAL, 2)) {
      Backbone visual = TestClips.backbone(Modality.VISUAL, manager, 1).backbone();
      Backbone audio = TestClips.backbone(Modality.AUDIO, manager, 2).backbone();
      String before = visual.weightsFingerprint();
      PretrainSettings settings = new PretrainSettings(3, 0.003, 7, dir, false);
      Map<Modality, Pretrainer.Written> written = Pretrainer.train(List.of(visual, audio), List.of("resnet18", "resnet18"), splits,
          batches, settings, 7, manager, new PrintWriter(log, true));
      assertTrue(log.toString().contains("ETA"), log.toString());
      // The signals are large and the classes balanced (half the clips of each stream are fake): a
      // chance-level learner reaches 10 of 12 VAL clips with probability 79/4096 (under 2%).
      for (Modality m : Modality.values()) {
        Pretrainer.Written w = written.get(m);
        assertTrue(w.valAccuracy() >= 10 / 12.0 - 1e-9, m + " val accuracy " + w.valAccuracy() + "\n" + log);
        assertTrue(Files.isRegularFile(w.file()));
      }
      assertEquals(dir.resolve("resnet18-visual.params"), written.get(Modality.VISUAL).file());
      assertNotEquals(before, visual.weightsFingerprint(), "training changed the weights and the fingerprint");

      Backbone fresh = TestClips.backbone(Modality.VISUAL, manager, 99).backbone();
      fresh.load(written.get(Modality.VISUAL).file());
      assertNotEquals(before, fresh.weightsFingerprint());
    }
  }
}
