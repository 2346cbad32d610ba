package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.runner.config.PretrainSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  /**
   * Pretrains {@code visual} and a fresh audio backbone (seed 2) on 40 test clips with {@link #SIGNAL} inputs, 28 for TRAIN
   * and 12 for VAL, in batches of 2, logging to {@code log}.
   */
  private static Map<Modality, Pretrainer.Written> train(Backbone visual, PretrainSettings settings, NDManager manager,
      StringWriter log) throws IOException {
    TestClips.Provider provider = new TestClips.Provider(40, Set.of());
    List<ClipInfo> clips = provider.clips();
    Map<Split, List<ClipInfo>> splits = Map.of(Split.TRAIN, clips.subList(0, 28), Split.VAL, clips.subList(28, 40));
    try (ClipBatches batches = new ClipBatches(provider, SIGNAL, 2)) {
      Backbone audio = TestClips.backbone(Modality.AUDIO, manager, 2).backbone();
      return Pretrainer.train(List.of(visual, audio), List.of("resnet18", "resnet18"), splits, batches, settings, 7, manager,
          new PrintWriter(log, true));
    }
  }

  @Test
  void learnsEachModalitysLabelAndWritesLoadableWeights() throws IOException {
    StringWriter log = new StringWriter();
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone visual = TestClips.backbone(Modality.VISUAL, manager, 1).backbone();
      String before = visual.weightsFingerprint();
      Map<Modality, Pretrainer.Written> written = train(visual, new PretrainSettings(3, 0.003, 7, dir, false), manager, log);
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

  @Test
  void trainsJointlyWithTheSyncObjectiveAndStillLearnsEachLabel() throws IOException {
    StringWriter log = new StringWriter();
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone visual = TestClips.backbone(Modality.VISUAL, manager, 1).backbone();
      // L = 2: the test clips have 2 frames.
      Map<Modality, Pretrainer.Written> written = train(visual, new PretrainSettings(3, 0.003, 7, dir, false, 1.0, 2), manager, log);
      assertTrue(log.toString().contains("SYNC: epoch 3 train loss"), log.toString());
      // As in the test above: 10 of 12 VAL clips by chance has probability under 2%; the sync loss
      // (the test clips' streams are unrelated noise) must not drown the label losses.
      for (Modality m : Modality.values()) {
        assertTrue(written.get(m).valAccuracy() >= 10 / 12.0 - 1e-9, m + " val accuracy " + written.get(m).valAccuracy() + "\n" + log);
      }
    }
  }

  /** (B L, D) unit rows from per-(clip, step) vectors. */
  private static NDArray unit(NDManager manager, float[][] rows) {
    int d = rows[0].length;
    float[] flat = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    NDArray x = manager.create(flat, new Shape(rows.length, d));
    return x.div(x.square().sum(new int[] {1}, true).sqrt());
  }

  private static ClipInfo clip(String key, boolean fake) {
    return new ClipInfo(key, fake, fake ? "lipsync" : "A", false, false, "id", "gen:" + key, null);
  }

  @Test
  void syncLossIsLowForAlignedStepsChanceForUninformativeOnesAndHighForShiftedOnes() {
    int length = 4;
    int d = 8;
    Random random = new Random(3);
    float[][] steps = new float[2 * length][d];
    for (float[] row : steps) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    // The audio of each clip rolled by one step: every visual step meets another step's audio.
    float[][] shifted = new float[steps.length][];
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < length; t++) {
        shifted[c * length + t] = steps[c * length + (t + 1) % length];
      }
    }
    float[][] same = new float[steps.length][];
    java.util.Arrays.fill(same, steps[0]);
    List<ClipInfo> real = List.of(clip("a", false), clip("b", false));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList v = new NDList(unit(manager, steps));
      float aligned = Pretrainer.syncLoss(v, new NDList(unit(manager, steps)), real, length).getFloat();
      float rolled = Pretrainer.syncLoss(v, new NDList(unit(manager, shifted)), real, length).getFloat();
      float flat = Pretrainer.syncLoss(new NDList(unit(manager, same)), new NDList(unit(manager, same)), real, length).getFloat();
      // Equal embeddings everywhere: every step is as likely as the right one, exactly ln L.
      assertEquals(Math.log(length), flat, 1e-5);
      assertTrue(aligned < flat && flat < rolled, "aligned " + aligned + " < chance " + flat + " < shifted " + rolled);

      // Only real clips are anchors: with no real clip there is no loss, and a fake clip's steps
      // (here the second clip's, shifted) do not change it.
      assertNull(Pretrainer.syncLoss(v, new NDList(unit(manager, steps)), List.of(clip("a", true), clip("b", true)), length));
      float[][] secondShifted = steps.clone();
      for (int t = 0; t < length; t++) {
        secondShifted[length + t] = shifted[length + t];
      }
      List<ClipInfo> firstReal = List.of(clip("a", false), clip("b", true));
      assertEquals(Pretrainer.syncLoss(v, new NDList(unit(manager, steps)), firstReal, length).getFloat(),
          Pretrainer.syncLoss(v, new NDList(unit(manager, secondShifted)), firstReal, length).getFloat(), 1e-6);
      assertNotEquals(aligned, Pretrainer.syncLoss(v, new NDList(unit(manager, secondShifted)), real, length).getFloat());
    }
  }
}
