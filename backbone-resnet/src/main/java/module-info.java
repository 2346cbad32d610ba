/** ResNet-18/34 visual and audio backbones with feature taps. */
module io.avnas.backbone.resnet {
  requires io.avnas.api;
}
