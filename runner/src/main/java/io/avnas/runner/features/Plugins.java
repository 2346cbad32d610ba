package io.avnas.runner.features;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.inject.Key;
import com.google.inject.name.Names;
import com.typesafe.config.ConfigRenderOptions;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.api.data.Split;
import io.avnas.runner.engine.DeviceResolver;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.inject.AvnasModule;
import io.avnas.runner.workspace.Workspace;
import io.avnas.support.data.Splits;
import io.avnas.support.media.PreprocessSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The configured dataset, preprocessing and backbones of a workspace, reached through the SPIs only. */
public final class Plugins {
  public static final String PREPROCESS = "avnas.preprocess";

  private final Workspace workspace;

  Plugins(Workspace workspace) {
    this.workspace = workspace;
  }

  long seed() {
    return workspace.plan().run().seed();
  }

  /** Starts the engine (seeded) and returns the configured device; {@code auto} says what it picked. */
  Device device(PrintWriter progress) {
    Engine engine = EngineSetup.start(seed());
    return DeviceResolver.resolve(workspace.plan().run().device(), engine, progress);
  }

  PreprocessSpec preprocessing() {
    if (!workspace.config().hasPath(PREPROCESS)) {
      throw new InvalidConfigException(PREPROCESS, "is missing; the datasets module declares it (is datasets-av on the class path?)");
    }
    return PreprocessSpec.from(workspace.module().block(PREPROCESS));
  }

  String datasetId() {
    return workspace.config().getString(AvnasModule.DATASET + ".id");
  }

  /** The configured dataset provider's fingerprint (what identifies its data), for provenance.json. */
  public static String datasetFingerprint(Workspace workspace) {
    try (DatasetProvider provider = new Plugins(workspace).openDataset()) {
      return provider.fingerprint();
    }
  }

  DatasetProvider openDataset() {
    DatasetProviderFactory factory = workspace.injector().getInstance(DatasetProviderFactory.class);
    return factory.open(workspace.module().block(AvnasModule.DATASET), seed());
  }

  /** The provider's clips in the run's identity-disjoint splits ({@code avnas.dataset.split}, {@code avnas.seed}). */
  Map<Split, List<ClipInfo>> splits(DatasetProvider provider) {
    return Splits.assign(provider.clips(), workspace.plan().features().ratios(), seed());
  }

  public static String path(Modality modality) {
    return modality == Modality.VISUAL ? AvnasModule.VISUAL : AvnasModule.AUDIO;
  }

  ConfigBlock backboneBlock(Modality modality) {
    return workspace.module().block(path(modality));
  }

  /** Creates the configured backbone of a modality (loading its configured weights, if any). */
  Backbone backbone(Modality modality, Shape inputShape, NDManager manager) {
    BackboneFactory factory = workspace.injector().getInstance(
        Key.get(BackboneFactory.class, Names.named(modality == Modality.VISUAL ? "visual" : "audio")));
    return factory.create(modality, backboneBlock(modality), inputShape, manager);
  }

  /** A backbone for the cache key: its config block, rendered with sorted keys. */
  FeatureExtractor.Frozen frozen(Modality modality, Shape inputShape, NDManager manager) {
    String config = backboneBlock(modality).config().root().render(ConfigRenderOptions.concise());
    return new FeatureExtractor.Frozen(backbone(modality, inputShape, manager), config);
  }
}
