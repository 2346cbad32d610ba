package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import java.io.IOException;
import java.nio.file.Path;

/** The shared factory of the BasicBlock ResNets; subclasses fix the depth. */
abstract class ResNetFactory implements BackboneFactory {
  private static final int[] PAPER_CHANNELS = {64, 128, 256, 512};
  /** ImageNet channel statistics (RGB), those the preprocessing normalises the frames with. */
  private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  private final String id;
  private final int[] blocksPerStage;

  ResNetFactory(String id, int[] blocksPerStage) {
    this.id = id;
    this.blocksPerStage = blocksPerStage.clone();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void validate(ConfigBlock block) {
    ResNetSettings.from(block);
  }

  @Override
  public Backbone create(Modality modality, ConfigBlock block, Shape inputShape, NDManager manager) {
    ResNetSettings settings = ResNetSettings.from(block);
    checkInputShape(modality, inputShape);
    int[] channels = new int[PAPER_CHANNELS.length];
    for (int i = 0; i < channels.length; i++) {
      channels[i] = settings.channels(PAPER_CHANNELS[i]);
    }
    // imagenet-normalization = false: x * std + mean maps the preprocessed frames back to [0, 1].
    float[][] affine = modality == Modality.VISUAL && !settings.imagenetNormalization()
        ? new float[][] {IMAGENET_STD.clone(), IMAGENET_MEAN.clone()} : null;
    TappedResNet net = new TappedResNet(blocksPerStage, channels, affine);
    net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape));
    ResNetBackbone backbone = new ResNetBackbone(id, modality, inputShape, net, manager);
    if (settings.weights().isPresent()) {
      Path file = settings.weights().get();
      try {
        backbone.load(file);
      } catch (IOException e) {
        backbone.close();
        throw new InvalidConfigException(block.key(ResNetSettings.WEIGHTS), e.getMessage());
      }
    }
    return backbone;
  }

  private static void checkInputShape(Modality modality, Shape shape) {
    boolean ok = modality == Modality.VISUAL
        ? shape.dimension() == 4 && shape.get(1) == 3
        : shape.dimension() == 3 && shape.get(0) == 1;
    if (!ok) {
      throw new IllegalArgumentException("a " + modality.name().toLowerCase(java.util.Locale.ROOT) + " ResNet needs input "
          + (modality == Modality.VISUAL ? "(T, 3, S, S)" : "(1, F, steps)") + " per clip, but got " + shape);
    }
  }
}
