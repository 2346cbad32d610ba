package io.avnas.runner.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.api.data.Split;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.config.FeatureSettings;
import io.avnas.runner.engine.DeviceResolver;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.features.ClipInputs;
import io.avnas.runner.features.FeatureExtractor;
import io.avnas.runner.features.Plugins;
import io.avnas.runner.features.TapPooling;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginLoader;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.support.media.PreprocessSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avnas bench extract}: clips/s of feature extraction at the paper's sizes (the
 * reference.conf defaults: ResNet-34 at width 1, 8 frames of 224x224, a 257-bin spectrogram) and at
 * the quickstart sizes. Backbone compute (random inputs through both backbones and the pooling) is
 * measured apart from decoding and preprocessing, which need the configured dataset provider.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Clips/s of feature extraction at the paper's sizes and at the quickstart sizes, on this machine.")
public final class BenchExtractCommand implements Runnable {
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Option(names = "--paper-clips", defaultValue = "4", description = "Clips measured at paper size (default: ${DEFAULT-VALUE}).")
  int paperClips;

  @Option(names = "--clips", defaultValue = "64", description = "Clips measured at quickstart size (default: ${DEFAULT-VALUE}).")
  int clips;

  private record Profile(String name, Config config, int clips, int batch) {}

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PluginLoader.Loaded loaded = PluginLoader.load(plugins.dir(), getClass().getClassLoader());
    PluginRegistry registry = PluginRegistry.discover(loaded);
    ConfigLoader loader = new ConfigLoader(loaded.classLoaders());
    List<Profile> profiles = List.of(
        new Profile("paper", loader.reference(), paperClips, 2),
        new Profile("quickstart", loader.load(null, Map.of()), clips, 16));
    Engine engine = EngineSetup.start(42);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PROFILE", "BACKBONES", "VISUAL IN", "AUDIO IN", "CLIPS", "BACKBONE clips/s", "DECODE clips/s/thread",
        "END-TO-END clips/s"});
    for (Profile p : profiles) {
      err.println("bench extract: " + p.name() + " ...");
      rows.add(measure(p, registry, engine, err));
    }
    Table.print(out, rows);
    out.printf(Locale.ROOT, "cores: %d, torch threads: %s; command: ./avnas bench extract --paper-clips %d --clips %d%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"), paperClips, clips);
    out.flush();
  }

  private String[] measure(Profile p, PluginRegistry registry, Engine engine, PrintWriter err) {
    Config config = p.config();
    PreprocessSpec pre = PreprocessSpec.from(new ConfigBlock(Plugins.PREPROCESS, config.getConfig(Plugins.PREPROCESS)));
    FeatureSettings settings = FeatureSettings.from(config);
    try (NDManager manager = NDManager.newBaseManager(DeviceResolver.resolve(config.getString("avnas.device"), engine, err))) {
      engine.setRandomSeed(42);
      FeatureExtractor.Frozen visual = frozen(registry, config, Modality.VISUAL, pre.visualShape(), manager);
      FeatureExtractor.Frozen audio = frozen(registry, config, Modality.AUDIO, pre.audioShape(), manager);
      double backbone = backboneRate(visual.backbone(), audio.backbone(), p, settings.length(), manager);
      String decode = "n/a";
      String endToEnd = "n/a";
      String datasetId = config.getString("avnas.dataset.id");
      if (registry.lookup(PluginKind.DATASET, datasetId).isPresent()) {
        DatasetProviderFactory factory = registry.get(DatasetProviderFactory.class, PluginKind.DATASET, datasetId, "avnas.dataset.id");
        try (DatasetProvider provider = factory.open(new ConfigBlock("avnas.dataset", config.getConfig("avnas.dataset")), 42)) {
          List<ClipInfo> sample = provider.clips().subList(0, Math.min(p.clips(), provider.clips().size()));
          decode = rate(sample.size(), decodeSeconds(provider, sample, ClipInputs.of(pre)));
          endToEnd = rate(sample.size(), endToEndSeconds(provider, datasetId, visual, audio, pre, settings, sample, manager));
        }
      } else {
        err.println("bench extract: dataset provider " + datasetId + " is not available; decode and end-to-end are skipped");
      }
      visual.backbone().close();
      audio.backbone().close();
      String ids = config.getString("avnas.backbone.visual.id") + "@" + config.getDouble("avnas.backbone.visual.width") + " / "
          + config.getString("avnas.backbone.audio.id") + "@" + config.getDouble("avnas.backbone.audio.width");
      return new String[] {p.name(), ids, pre.visualShape().toString(), pre.audioShape().toString(), Integer.toString(p.clips()),
          String.format(Locale.ROOT, "%.2f", backbone), decode, endToEnd};
    }
  }

  private static FeatureExtractor.Frozen frozen(PluginRegistry registry, Config config, Modality modality, Shape input, NDManager manager) {
    String path = Plugins.path(modality);
    BackboneFactory factory = registry.get(BackboneFactory.class, PluginKind.BACKBONE, config.getString(path + ".id"), path + ".id");
    Backbone b = factory.create(modality, new ConfigBlock(path, config.getConfig(path)), input, manager);
    return new FeatureExtractor.Frozen(b, path);
  }

  /** Random inputs through both backbones and the pooling: one warm-up batch, then {@code clips} clips. */
  private static double backboneRate(Backbone visual, Backbone audio, Profile p, int length, NDManager manager) {
    long start = 0;
    int done = -p.batch();
    while (done < p.clips()) {
      if (done == 0) {
        start = System.nanoTime();
      }
      int b = Math.min(p.batch(), done < 0 ? p.batch() : p.clips() - done);
      try (NDScope scope = new NDScope()) {
        for (Backbone backbone : List.of(visual, audio)) {
          NDArray x = manager.randomNormal(new Shape(b).addAll(backbone.inputShape()));
          NDList taps = backbone.forward(x);
          for (int i = 0; i < taps.size(); i++) {
            TapPooling.pool(taps.get(i), backbone.modality(), backbone.taps().get(i), length).toFloatArray();
          }
        }
        scope.suppressNotUsedWarning();
      }
      done += b;
    }
    return p.clips() / ((System.nanoTime() - start) / 1e9);
  }

  private static double decodeSeconds(DatasetProvider provider, List<ClipInfo> sample, ClipInputs inputs) {
    long start = System.nanoTime();
    for (ClipInfo clip : sample) {
      try {
        inputs.prepare(provider.load(clip));
      } catch (ClipLoadException e) {
        // A clip that fails still cost its decoding time; the rate counts it.
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double endToEndSeconds(DatasetProvider provider, String datasetId, FeatureExtractor.Frozen visual,
      FeatureExtractor.Frozen audio, PreprocessSpec pre, FeatureSettings settings, List<ClipInfo> sample, NDManager manager) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("avnas-bench-cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      FeatureSettings fresh = new FeatureSettings(tmp, false, settings.threads(), settings.batchSize(), settings.length(), settings.ratios());
      FeatureExtractor.Result r = new FeatureExtractor(provider, datasetId, visual, audio, ClipInputs.of(pre), pre.toString(), fresh, manager)
          .extract(Map.of(Split.TRAIN, sample), new PrintWriter(new StringWriter()));
      return r.seconds();
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String rate(int clips, double seconds) {
    return String.format(Locale.ROOT, "%.2f", clips / seconds);
  }
}
