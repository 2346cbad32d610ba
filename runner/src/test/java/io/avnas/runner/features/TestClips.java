package io.avnas.runner.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.runner.config.FeatureSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-ins until the datasets branch is merged: a small deterministic provider, inputs
 * made directly from a clip's arrays (no {@code Preprocessing}), and tiny backbones found through
 * the SPI (the runner never imports a plugin class, not even in tests).
 */
final class TestClips {
  static final int FRAMES = 2;
  static final int SIZE = 32;
  static final Shape VISUAL = new Shape(FRAMES, 3, SIZE, SIZE);
  static final Shape AUDIO = new Shape(1, 32, 24);
  static final String[] CATEGORIES = {"A", "B", "C", "D"};

  private TestClips() {}

  /** A provider of {@code n} clips over {@code n / 2} identities; clips in {@code broken} fail to load. */
  static final class Provider implements DatasetProvider {
    final List<ClipInfo> clips = new ArrayList<>();
    final Set<String> broken;
    final AtomicInteger loads = new AtomicInteger();
    String fingerprint = "v1";

    Provider(int n, Set<String> broken) {
      for (int i = 0; i < n; i++) {
        String category = CATEGORIES[i % 4];
        boolean fakeVideo = category.equals("C") || category.equals("D");
        boolean fakeAudio = category.equals("B") || category.equals("D");
        clips.add(new ClipInfo("clip-" + i, fakeVideo || fakeAudio, category, fakeVideo, fakeAudio, "id-" + i / 2, "gen:" + i, null));
      }
      this.broken = broken;
    }

    @Override
    public List<ClipInfo> clips() {
      return clips;
    }

    @Override
    public Clip load(ClipInfo info) throws ClipLoadException {
      loads.incrementAndGet();
      if (broken.contains(info.key())) {
        throw new ClipLoadException(info.source() + ": truncated stream");
      }
      Random random = new Random(info.key().hashCode());
      float[] frames = new float[(int) VISUAL.size()];
      for (int i = 0; i < frames.length; i++) {
        frames[i] = random.nextFloat();
      }
      float[] wave = new float[(int) AUDIO.size()];
      for (int i = 0; i < wave.length; i++) {
        wave[i] = (float) random.nextGaussian();
      }
      return new Clip(info, frames, FRAMES, SIZE, SIZE, wave, 16000);
    }

    @Override
    public String fingerprint() {
      return fingerprint;
    }
  }

  /** Inputs straight from the clip: frames as they are, the waveform read as a (1, 32, 24) "spectrogram". */
  static final ClipInputs INPUTS = clip -> new ClipInputs.Prepared(clip.frames(), clip.waveform());

  static Map<Split, List<ClipInfo>> oneSplit(List<ClipInfo> clips) {
    return Map.of(Split.TRAIN, clips);
  }

  static FeatureSettings settings(Path cache, int length, int batchSize) {
    return new FeatureSettings(cache, false, 2, batchSize, length, new io.avnas.api.data.SplitRatios(0.6, 0.15, 0.1, 0.15));
  }

  /** A resnet18 at width 1/8, found through ServiceLoader, seeded. */
  static FeatureExtractor.Frozen backbone(Modality modality, NDManager manager, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    BackboneFactory factory = ServiceLoader.load(BackboneFactory.class).stream().map(ServiceLoader.Provider::get)
        .filter(f -> f.id().equals("resnet18")).findFirst().orElseThrow();
    ConfigBlock block = new ConfigBlock("avnas.backbone.x",
        ConfigFactory.parseMap(Map.of("id", "resnet18", "width", 0.125, "weights", "")));
    Backbone b = factory.create(modality, block, modality == Modality.VISUAL ? VISUAL : AUDIO, manager);
    return new FeatureExtractor.Frozen(b, "resnet18 width=0.125");
  }

  static FeatureExtractor extractor(Provider provider, NDManager manager, FeatureSettings settings, int seed) {
    return new FeatureExtractor(provider, "test", backbone(Modality.VISUAL, manager, seed), backbone(Modality.AUDIO, manager, seed + 1),
        INPUTS, "test-preprocessing", settings, manager);
  }
}
