package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The bimodal supernet (docs/search.md). Its op count per forward is independent of the number of
 * edges: each mixture (the alpha edges into a step node, the beta edges into an inner node, the
 * gamma ops of an inner node) is one (1, S) × (S, B·C·L) matrix product over the stacked states.
 *
 * <p>As in BM-NAS, a step node of the supernet receives its single alpha-mixed input as both x and
 * y, and an inner node applies its ops to its single beta-mixed input as both operands; the derived
 * genotype then picks two distinct inputs for each (§4).
 *
 * <p>Hard (one-hot) estimators are still mixed as weighted sums: the straight-through gradient of a
 * weight w_o is the output of op o even when w_o = 0 in the forward value, so every op must be
 * computed on architecture steps. On weight steps an unchosen op receives no gradient, so skipping
 * it would be exact, but knowing which ops were chosen needs a device → host copy of the sample
 * every step; we keep the single fused weighted sum (see docs/search.md, "Hard forward").
 */
final class Supernet extends NetBlock {
  private final List<FeatureSpec> features;
  private final BimodalConfig config;
  private final int classes;
  private final Estimator estimator;
  private double tau;

  final Parameter alpha;
  final Parameter beta;
  final Parameter gamma;
  private final ReshapeBank reshape;
  private final List<List<FusionOps>> ops = new ArrayList<>();
  private final List<NodeOutput> outputs = new ArrayList<>();
  private final CellOutput cell;
  private final long[] alphaOrder;
  private NDArray alphaOrderIndex;

  Supernet(List<FeatureSpec> features, BimodalConfig config, Estimator estimator, int classes) {
    super(config.dropout());
    this.features = List.copyOf(features);
    this.config = config;
    this.classes = classes;
    this.estimator = estimator;
    this.tau = estimator.settings().tau();
    int n = features.size();
    NormalInitializer init = new NormalInitializer(1e-3f);
    alpha = add("alpha", Parameter.Type.OTHER, new Shape(config.alphaRows(n), 2), init, true);
    beta = add("beta", Parameter.Type.OTHER, new Shape((long) config.steps() * config.betaRows(), 2), init, true);
    gamma = add("gamma", Parameter.Type.OTHER, new Shape((long) config.steps() * config.nodeSteps(), FusionOp.values().length),
        init, true);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    reshape = new ReshapeBank(this, features, all, config.channels(), config.length());
    for (int i = 0; i < config.steps(); i++) {
      List<FusionOps> node = new ArrayList<>();
      for (int k = 0; k < config.nodeSteps(); k++) {
        node.add(new FusionOps(this, "step" + i + ".inner" + k, config.channels(), config.length(),
            EnumSet.allOf(FusionOp.class)));
      }
      ops.add(node);
      outputs.add(new NodeOutput(this, "step" + i, config.channels(), config.length(), config.nodeMultiplier()));
    }
    cell = new CellOutput(this, config.channels(), config.length(), config.multiplier(), classes);
    alphaOrder = alphaOrder(reshape.stackOrder(), n, config.steps());
  }

  /**
   * For each position of the stacked states of each step node, the alpha row that weights it. The
   * stack holds the features in the reshape bank's order, then the earlier step nodes; alpha's rows
   * are in feature order, then the earlier step nodes. Null when the two orders agree.
   */
  private static long[] alphaOrder(List<Integer> stackOrder, int n, int steps) {
    List<Long> order = new ArrayList<>();
    boolean identity = true;
    int offset = 0;
    for (int i = 0; i < steps; i++) {
      for (int p = 0; p < n; p++) {
        order.add((long) offset + stackOrder.get(p));
        identity &= stackOrder.get(p) == p;
      }
      for (int j = 0; j < i; j++) {
        order.add((long) offset + n + j);
      }
      offset += n + i;
    }
    return identity ? null : order.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
    super.initialize(manager, dataType, inputShapes);
    if (alphaOrder != null && alphaOrderIndex == null) {
      // A copy in engine memory: the array made from a Java array wraps a buffer only it keeps alive.
      NDArray created = manager.create(alphaOrder);
      alphaOrderIndex = created.duplicate();
      created.close();
    }
  }

  void setTemperature(double tau) {
    this.tau = tau;
  }

  double temperature() {
    return tau;
  }

  /** The mixing weights of a table: relaxed during search, deterministic in evaluation. */
  private NDArray weights(Parameter table, boolean training) {
    NDArray logits = table.getArray();
    if (!training) {
      return estimator.probabilities(logits);
    }
    // On weight steps the tables are constants: no gradient can reach (or leak into) them.
    return estimator.relax(stepKind() == StepKind.WEIGHTS ? logits.stopGradient() : logits, tau);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    int n = features.size();
    NDArray edgeA = weights(alpha, training).get(new NDIndex(":, 1"));
    if (alphaOrderIndex != null) {
      edgeA = edgeA.get(alphaOrderIndex);
    }
    NDArray edgeB = weights(beta, training).get(new NDIndex(":, 1"));
    NDArray opW = weights(gamma, training).get(new NDIndex(":, 1:"));

    NDArray stacked = reshape.apply(this, inputs, training);
    Shape state = stacked.getShape().slice(1);
    NDArray flat = stacked.reshape(new Shape(n, -1));
    List<NDArray> nodes = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < config.steps(); i++) {
      int s = n + i;
      NDArray w = edgeA.get(new NDIndex("{}:{}", offset, offset + s)).reshape(new Shape(1, s));
      NDArray x = w.matMul(flat).reshape(state);
      NDArray out = stepNode(i, x, edgeB, opW, state, training);
      nodes.add(out);
      flat = flat.concat(out.reshape(new Shape(1, -1)), 0);
      offset += s;
    }
    return new NDList(cell.apply(nodes));
  }

  private NDArray stepNode(int i, NDArray x, NDArray edgeB, NDArray opW, Shape state, boolean training) {
    NDArray flatX = x.reshape(new Shape(1, -1));
    NDArray inner = flatX.concat(flatX, 0);
    List<NDArray> innerStates = new ArrayList<>();
    int offset = i * config.betaRows();
    for (int k = 0; k < config.nodeSteps(); k++) {
      int s = 2 + k;
      NDArray w = edgeB.get(new NDIndex("{}:{}", offset, offset + s)).reshape(new Shape(1, s));
      NDArray h = w.matMul(inner).reshape(state);
      NDArray allOps = ops.get(i).get(k).applyAll(h, h, training);
      NDArray g = opW.get(new NDIndex("{}", i * config.nodeSteps() + k)).reshape(new Shape(1, -1));
      NDArray mixed = g.matMul(allOps);
      innerStates.add(mixed.reshape(state));
      inner = inner.concat(mixed, 0);
      offset += s;
    }
    return outputs.get(i).apply(innerStates, x, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }

  List<FeatureSpec> features() {
    return features;
  }
}
