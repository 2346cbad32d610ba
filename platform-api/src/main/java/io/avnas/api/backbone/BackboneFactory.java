package io.avnas.api.backbone;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;

/** Creates backbones from {@code avnas.backbone.visual} or {@code avnas.backbone.audio}. */
public interface BackboneFactory extends PluginFactory {

  /**
   * Builds and initialises a backbone for one modality.
   *
   * @param modality which stream it reads
   * @param block the modality's block, e.g. {@code avnas.backbone.audio}
   * @param inputShape the per-clip input shape, from {@code PreprocessSpec}
   * @param manager the manager (and device) its parameters live in
   */
  Backbone create(Modality modality, ConfigBlock block, Shape inputShape, NDManager manager);
}
