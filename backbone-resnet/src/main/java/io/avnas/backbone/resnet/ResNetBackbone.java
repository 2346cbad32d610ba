package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import io.avnas.api.backbone.WeightsCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A ResNet for one modality, its parameters living in the manager it was created with. */
final class ResNetBackbone implements Backbone {
  private static final String[] TAP_NAMES = {"layer2", "layer3", "layer4", "pooled"};

  private final String id;
  private final Modality modality;
  private final Shape inputShape;
  private final TappedResNet net;
  private final NDManager manager;
  private final List<TapSpec> taps;

  ResNetBackbone(String id, Modality modality, Shape inputShape, TappedResNet net, NDManager manager) {
    this.id = id;
    this.modality = modality;
    this.inputShape = inputShape;
    this.net = net;
    this.manager = manager;
    Shape[] shapes = net.getOutputShapes(new Shape[] {new Shape(1).addAll(inputShape)});
    List<TapSpec> specs = new ArrayList<>();
    for (int i = 0; i < TAP_NAMES.length; i++) {
      Shape perClip = shapes[i].slice(1);
      // Channels sit after the time axis for visual taps (T, C, ...), first for audio taps (C, ...).
      int channels = (int) perClip.get(modality == Modality.VISUAL ? 1 : 0);
      specs.add(new TapSpec(TAP_NAMES[i], channels, perClip));
    }
    this.taps = List.copyOf(specs);
  }

  @Override
  public Modality modality() {
    return modality;
  }

  @Override
  public Shape inputShape() {
    return inputShape;
  }

  @Override
  public List<TapSpec> taps() {
    return taps;
  }

  @Override
  public NDList forward(NDArray input) {
    Shape shape = input.getShape();
    if (shape.dimension() != inputShape.dimension() + 1 || !shape.slice(1).equals(inputShape)) {
      throw new IllegalArgumentException(id + " " + modality + " backbone expects (B, " + inputShape.toString().substring(1)
          + " but got " + shape);
    }
    return net.forward(new ParameterStore(manager, false), new NDList(input), false);
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public String weightsFingerprint() {
    MessageDigest digest = sha256();
    for (Pair<String, Parameter> p : net.getParameters()) {
      NDArray array = p.getValue().getArray();
      digest.update(p.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update(shapeBytes(array.getShape()));
      digest.update(array.toByteArray());
    }
    return id + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  @Override
  public void save(Path file) throws IOException {
    WeightsFile.save(file, id, modality, net);
  }

  /** avnas's own format, or a torchvision-named safetensors state dict (recognised by its header). */
  @Override
  public void load(Path file) throws IOException {
    if (Safetensors.sniff(file)) {
      TorchvisionStateDict.load(file, net, modality, manager);
    } else {
      WeightsFile.load(file, id, modality, net, manager);
    }
  }

  /** A safetensors state dict is compared name by name; an avnas file is loaded (it fails whole or not at all). */
  @Override
  public WeightsCheck check(Path file) throws IOException {
    if (Safetensors.sniff(file) || file.getFileName().toString().endsWith(".safetensors")) {
      return TorchvisionStateDict.check(file, net, modality);
    }
    WeightsFile.load(file, id, modality, net, manager);
    List<String> all = new ArrayList<>(net.getParameters().keys());
    return new WeightsCheck(all, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  @Override
  public void close() {
    net.getParameters().values().forEach(Parameter::close);
  }

  private static byte[] shapeBytes(Shape shape) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * shape.dimension());
    for (long d : shape.getShape()) {
      buffer.putLong(d);
    }
    return buffer.array();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
