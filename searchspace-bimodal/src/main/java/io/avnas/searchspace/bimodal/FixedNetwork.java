package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.searchspace.bimodal.BimodalGenotype.Cell;
import io.avnas.searchspace.bimodal.BimodalGenotype.InnerNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The discrete network a genotype describes. It builds only what the genotype uses: reshape layers
 * for the used features, and for each inner node only the layers of its op. It reads the same
 * inputs as the supernet (every feature, in order) and ignores the unused ones.
 */
final class FixedNetwork extends NetBlock {
  private final BimodalGenotype genotype;
  private final int classes;
  private final ReshapeBank reshape;
  private final int[] position;
  private final List<int[]> cellInputs = new ArrayList<>();
  private final List<List<FusionOps>> ops = new ArrayList<>();
  private final List<NodeOutput> outputs = new ArrayList<>();
  private final CellOutput cell;

  FixedNetwork(List<FeatureSpec> features, BimodalGenotype genotype, double dropout, int classes) {
    super(dropout);
    this.genotype = genotype;
    this.classes = classes;
    BimodalGenotype.Sizes sizes = genotype.sizes();
    List<String> names = features.stream().map(FeatureSpec::name).toList();
    if (!names.equals(genotype.features())) {
      throw new IllegalArgumentException("the genotype was derived for features " + genotype.features()
          + " but the search space reads " + names);
    }
    TreeSet<Integer> used = new TreeSet<>();
    for (Cell c : genotype.cells()) {
      int[] in = {names.indexOf(c.inputs().get(0)), names.indexOf(c.inputs().get(1))};
      cellInputs.add(in);
      used.add(in[0]);
      used.add(in[1]);
    }
    reshape = new ReshapeBank(this, features, new ArrayList<>(used), sizes.channels(), sizes.length());
    position = new int[features.size()];
    List<Integer> order = reshape.stackOrder();
    for (int p = 0; p < order.size(); p++) {
      position[order.get(p)] = p;
    }
    for (int i = 0; i < genotype.cells().size(); i++) {
      List<FusionOps> node = new ArrayList<>();
      List<InnerNode> inner = genotype.cells().get(i).nodes();
      for (int k = 0; k < inner.size(); k++) {
        FusionOp op = inner.get(k).op();
        boolean parameterised = op == FusionOp.ATTENTION || op == FusionOp.LINEAR_GLU || op == FusionOp.CONCAT_FC;
        node.add(parameterised ? new FusionOps(this, "step" + i + ".inner" + k, sizes.channels(), sizes.length(),
            EnumSet.of(op)) : null);
      }
      ops.add(node);
      outputs.add(new NodeOutput(this, "step" + i, sizes.channels(), sizes.length(), sizes.nodeMultiplier()));
    }
    cell = new CellOutput(this, sizes.channels(), sizes.length(), sizes.multiplier(), classes);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray stacked = reshape.apply(this, inputs, training);
    List<NDArray> nodes = new ArrayList<>();
    for (int i = 0; i < cellInputs.size(); i++) {
      NDArray x = stacked.get(position[cellInputs.get(i)[0]]);
      NDArray y = stacked.get(position[cellInputs.get(i)[1]]);
      List<NDArray> states = new ArrayList<>(List.of(x, y));
      List<NDArray> innerStates = new ArrayList<>();
      List<InnerNode> inner = genotype.cells().get(i).nodes();
      for (int k = 0; k < inner.size(); k++) {
        InnerNode node = inner.get(k);
        NDArray a = states.get(node.inputs().get(0));
        NDArray b = states.get(node.inputs().get(1));
        FusionOps unit = ops.get(i).get(k);
        NDArray out = switch (node.op()) {
          case ZERO -> a.zerosLike();
          case SUM -> a.add(b);
          default -> unit.apply(node.op(), a, b, training);
        };
        states.add(out);
        innerStates.add(out);
      }
      nodes.add(outputs.get(i).apply(innerStates, x, training));
    }
    return new NDList(cell.apply(nodes));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }
}
