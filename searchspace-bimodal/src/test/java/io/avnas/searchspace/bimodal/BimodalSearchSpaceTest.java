package io.avnas.searchspace.bimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Modality;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.Genotype;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.StepKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BimodalSearchSpaceTest {
  /** Three features: two visual with 4 channels (L = 2 and a pooled vector), one audio with 6. */
  static final List<FeatureSpec> SMALL = List.of(
      new FeatureSpec("visual.layer4", Modality.VISUAL, 4, 2),
      new FeatureSpec("visual.pooled", Modality.VISUAL, 4, 1),
      new FeatureSpec("audio.layer4", Modality.AUDIO, 6, 2));
  static final Set<Parameter.Type> TRAINABLE = Set.of(Parameter.Type.WEIGHT, Parameter.Type.BIAS, Parameter.Type.GAMMA,
      Parameter.Type.BETA);

  @BeforeAll
  static void engine() {
    Engine.getInstance().setRandomSeed(7);
  }

  static ConfigBlock block(int c, int l, int steps, int multiplier, int nodeSteps, int nodeMultiplier) {
    return new ConfigBlock("avnas.searchspace", ConfigFactory.parseString(String.format(
        "C = %d, L = %d, steps = %d, multiplier = %d, node-steps = %d, node-multiplier = %d, dropout = 0.2", c, l, steps,
        multiplier, nodeSteps, nodeMultiplier)));
  }

  static long networkParameters(Block block) {
    long count = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (TRAINABLE.contains(p.getValue().getType())) {
        count += p.getValue().getArray().size();
      }
    }
    return count;
  }

  static NDList input(NDManager manager, List<FeatureSpec> features, int batch) {
    NDList list = new NDList();
    for (FeatureSpec f : features) {
      list.add(manager.randomNormal(new Shape(batch, f.channels(), f.length())));
    }
    return list;
  }

  static Shape[] shapes(List<FeatureSpec> features, int batch) {
    return features.stream().map(f -> new Shape(batch, f.channels(), f.length())).toArray(Shape[]::new);
  }

  @Test
  void supernetParameterCountMatchesAHandComputation() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SearchSpace space = new BimodalSearchSpaceFactory().create(block(3, 2, 1, 1, 1, 1), SMALL,
          TestEstimators.softmax(), 2);
      space.supernet().initialize(manager, DataType.FLOAT32, shapes(SMALL, 4));
      // C = 3, L = 2, one step node with one inner node, multipliers 1, 2 classes.
      // reshape, C_i = 4 (two features): per feature conv 3*4 + bias 3 + BN 2*3 = 21, so 42;
      // reshape, C_i = 6: 3*6 + 3 + 6 = 27.
      long reshape = 2 * (3 * 4 + 3 + 2 * 3) + (3 * 6 + 3 + 2 * 3);
      // inner node: attention LayerNorm([3, 2]) = 2*6; LinearGLU conv 6->6 (36 + 6) + BN 12;
      // ConcatFC conv 6->3 (18 + 3) + BN 6. Sum and Zero have no parameters.
      long inner = 2 * 6 + (6 * 6 + 6 + 2 * 6) + (6 * 3 + 3 + 2 * 3);
      // node output: conv 3->3 (9 + 3) + BN 6 + LayerNorm([3, 2]) 12.
      long nodeOutput = 9 + 3 + 6 + 12;
      // cell output: LayerNorm([3, 2]) 12 + Linear 6 -> 2 (12 + 2).
      long cellOutput = 12 + 12 + 2;
      assertEquals(69 + 93 + 30 + 26, reshape + inner + nodeOutput + cellOutput);
      assertEquals(reshape + inner + nodeOutput + cellOutput, networkParameters(space.supernet()));
      // alpha: N = 3 rows x 2; beta: 2 rows x 2; gamma: 1 x 5.
      List<Parameter> arch = space.architectureParameters();
      assertEquals(new Shape(3, 2), arch.get(0).getArray().getShape());
      assertEquals(new Shape(2, 2), arch.get(1).getArray().getShape());
      assertEquals(new Shape(1, 5), arch.get(2).getArray().getShape());
    }
  }

  @Test
  void paperScaleAlphaIs17By2AndInitialisedNearZero() {
    List<FeatureSpec> eight = new java.util.ArrayList<>();
    int[] channels = {128, 256, 512, 512};
    for (Modality m : List.of(Modality.VISUAL, Modality.AUDIO)) {
      for (int i = 0; i < 4; i++) {
        eight.add(new FeatureSpec(m.name().toLowerCase() + ".t" + i, m, channels[i], i == 3 ? 1 : 8));
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      SearchSpace space = new BimodalSearchSpaceFactory().create(block(128, 8, 2, 2, 2, 2), eight,
          TestEstimators.softmax(), 2);
      space.supernet().initialize(manager, DataType.FLOAT32, shapes(eight, 2));
      NDArray alpha = space.architectureParameters().get(0).getArray();
      assertEquals(new Shape(17, 2), alpha.getShape());
      assertEquals(new Shape(10, 2), space.architectureParameters().get(1).getArray().getShape());
      assertEquals(new Shape(4, 5), space.architectureParameters().get(2).getArray().getShape());
      // 1e-3 * randn: 34 draws all below 6 sigma.
      assertTrue(alpha.abs().max().getFloat() < 6e-3f);
      NDArray out = space.supernet().forward(new ParameterStore(manager, false), input(manager, eight, 2), false).head();
      assertEquals(new Shape(2, 2), out.getShape());
    }
  }

  @Test
  void everyEstimatorMovesAlphaBetaAndGammaAndWeightStepsLeakNothing() {
    for (Estimator estimator : TestEstimators.all()) {
      Engine.getInstance().setRandomSeed(11);
      try (NDManager manager = NDManager.newBaseManager()) {
        SearchSpace space = new BimodalSearchSpaceFactory().create(block(3, 2, 2, 2, 2, 2), SMALL, estimator, 2);
        Block net = space.supernet();
        net.initialize(manager, DataType.FLOAT32, shapes(SMALL, 8));
        NDList x = input(manager, SMALL, 8);
        NDArray labels = manager.create(new float[] {0, 1, 0, 1, 1, 0, 1, 0});
        space.setStepKind(StepKind.WEIGHTS);
        step(net, manager, x, labels);
        for (Parameter p : space.architectureParameters()) {
          assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), p.getName() + " leaked a weight-step gradient");
        }
        space.setStepKind(StepKind.ARCHITECTURE);
        // A single hard sample can legitimately give a table no gradient (e.g. every alpha edge into
        // a step node sampled "zero" makes its inner states 0, so beta's gradient is 0), so take five
        // architecture steps: P(a table never moves) is below 0.2^5 for these tables.
        List<NDArray> before = space.architectureParameters().stream().map(p -> p.getArray().duplicate()).toList();
        for (int s = 0; s < 5; s++) {
          step(net, manager, x, labels);
          for (Parameter p : space.architectureParameters()) {
            p.getArray().subi(p.getArray().getGradient().mul(0.1));
          }
        }
        for (int t = 0; t < 3; t++) {
          Parameter p = space.architectureParameters().get(t);
          assertNotEquals(0f, before.get(t).sub(p.getArray()).abs().sum().getFloat(),
              estimator.settings().id() + " did not move " + p.getName());
        }
      }
    }
  }

  private static void step(Block net, NDManager manager, NDList x, NDArray labels) {
    for (Parameter p : net.getParameters().values()) {
      if (p.requiresGradient()) {
        p.getArray().getGradient().subi(p.getArray().getGradient());
      }
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray logits = net.forward(new ParameterStore(manager, false), x, true).head();
      NDArray loss = logits.logSoftmax(-1).mul(labels.oneHot(2)).sum().neg();
      collector.backward(loss);
    }
  }

  @Test
  void genotypeRoundTripsExactlyAndTheFixedNetworkBuildsOnlyWhatItUses() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SearchSpace space = new BimodalSearchSpaceFactory().create(block(3, 2, 1, 1, 1, 1), SMALL,
          TestEstimators.softmax(), 2);
      space.supernet().initialize(manager, DataType.FLOAT32, shapes(SMALL, 4));
      // Make alpha prefer the two 4-channel visual features, and gamma prefer attention.
      space.architectureParameters().get(0).getArray().set(new float[] {0, 2, 0, 1, 0, -3});
      space.architectureParameters().get(2).getArray().set(new float[] {0, 0, 3, 0, 0});
      Genotype g = space.derive(42);
      String json = g.toJson();
      Genotype back = space.parseGenotype(json);
      assertEquals(g, back);
      assertEquals(json, back.toJson());
      BimodalGenotype b = (BimodalGenotype) back;
      assertEquals(List.of("visual.layer4", "visual.pooled"), b.cells().get(0).inputs());
      assertEquals(FusionOp.ATTENTION, b.cells().get(0).nodes().get(0).op());
      assertEquals(42L, b.seed());

      Block fixed = space.fixedNetwork(back);
      fixed.initialize(manager, DataType.FLOAT32, shapes(SMALL, 4));
      // reshape c4 group 42, attention LayerNorm 12, node output 30, cell output 26; no audio reshape.
      assertEquals(42 + 12 + 30 + 26, networkParameters(fixed));
      assertFalse(fixed.getParameters().keys().stream().anyMatch(k -> k.contains("reshape.c6")));
      NDArray out = fixed.forward(new ParameterStore(manager, false), input(manager, SMALL, 4), false).head();
      assertEquals(new Shape(4, 2), out.getShape());
    }
  }
}
