/** ResNet-18/34 visual and audio backbones with feature taps. */
module io.avnas.backbone.resnet {
  requires io.avnas.api;
  requires com.google.gson;
  requires org.slf4j;

  provides io.avnas.api.backbone.BackboneFactory with
      io.avnas.backbone.resnet.ResNet18Factory,
      io.avnas.backbone.resnet.ResNet34Factory;
}
