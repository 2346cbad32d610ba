package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionMemoryTest {
  @TempDir Path dir;

  @Test
  void liveArrayCountStaysFlatOverManyBatches() {
    TestClips.Provider provider = new TestClips.Provider(30, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Integer> live = new ArrayList<>();
      FeatureExtractor.Frozen visual = TestClips.backbone(Modality.VISUAL, manager, 1);
      FeatureExtractor.Frozen audio = TestClips.backbone(Modality.AUDIO, manager, 2);
      // Counts the manager's live arrays each time a batch reaches the visual backbone.
      Backbone counting = new Counting(visual.backbone(), manager, live);
      FeatureExtractor ex = new FeatureExtractor(provider, "test", new FeatureExtractor.Frozen(counting, visual.config()), audio,
          TestClips.INPUTS, "p", TestClips.settings(dir, 4, 1), manager);
      int before = manager.getManagedArrays().size();
      ex.extract(TestClips.oneSplit(provider.clips()), new PrintWriter(new StringWriter()));
      assertEquals(30, live.size());
      // Each batch creates its input, then forwards: the count at every forward must be the same.
      assertEquals(List.of(live.get(0)), live.stream().distinct().toList(), "live arrays per batch: " + live);
      assertEquals(before, manager.getManagedArrays().size(), "nothing is left behind after extraction");
    }
  }

  private record Counting(Backbone inner, NDManager manager, List<Integer> live) implements Backbone {
    @Override
    public Modality modality() {
      return inner.modality();
    }

    @Override
    public Shape inputShape() {
      return inner.inputShape();
    }

    @Override
    public List<TapSpec> taps() {
      return inner.taps();
    }

    @Override
    public NDList forward(NDArray input) {
      live.add(manager.getManagedArrays().size());
      return inner.forward(input);
    }

    @Override
    public Block block() {
      return inner.block();
    }

    @Override
    public String weightsFingerprint() {
      return inner.weightsFingerprint();
    }

    @Override
    public void save(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void load(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
