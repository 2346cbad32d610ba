package io.avnas.runner.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.StepKind;
import io.avnas.runner.config.SearchSettings;
import io.avnas.runner.loop.EpochLoop;
import io.avnas.runner.progress.ProgressBar;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * First-order bilevel search over an initialised supernet (docs/search.md, "Search"). Network weights learn
 * on train batches with one Adam (cosine warm restarts), the architecture tables on dev batches with
 * another; each step clears every gradient first and updates only its own side, so a gradient of the
 * other side can never leak into it. Each step runs in its own {@link NDScope}.
 */
public final class BilevelSearch implements EpochLoop.Checkpointed {
  public static final String STAGE = "search";

  /** What one search epoch measured. {@code trainLoss}/{@code trainAcc} come from the weight steps. */
  public record Epoch(int epoch, double trainLoss, double trainAcc, double devLoss, double devAcc,
      Map<String, Double> entropy, Map<String, GradientSize> archGradient, double tau, double seconds) {
    /** Whether both losses are finite (an epoch that is not diverged). */
    public boolean finite() {
      return Double.isFinite(trainLoss) && Double.isFinite(devLoss);
    }
  }

  /**
   * The size of one architecture table's gradient over an epoch's architecture steps: {@code
   * meanAbs} is the mean over entries of the mean |g| (signal and sampling noise), {@code signal}
   * the mean over entries of |mean g| (what survives averaging over steps, the part that moves the
   * table). Both NaN in an epoch without architecture steps.
   */
  public record GradientSize(double meanAbs, double signal) {}

  /** Called after every epoch, e.g. to log metrics and write a checkpoint. */
  public interface Listener extends EpochLoop.Listener<Epoch> {}

  private final SearchSpace space;
  private final SearchSettings settings;
  private final NDManager manager;
  private final long seed;
  private final Block net;
  private final Adam weightAdam;
  private final Adam archAdam;
  private final double initialTau;
  private final ParameterStore store;
  private final List<Parameter> arch;
  /** Per architecture table, the epoch's sums of g and of |g| (device arrays; null outside an epoch). */
  private NDArray[] gradSum;
  private NDArray[] gradAbsSum;
  private int archSteps;

  /** @param manager the long-lived manager the supernet was initialised in */
  public BilevelSearch(SearchSpace space, SearchSettings settings, NDManager manager, long seed) {
    this.space = space;
    this.settings = settings;
    this.manager = manager;
    this.seed = seed;
    this.net = space.supernet();
    this.arch = space.architectureParameters();
    this.weightAdam = new Adam(Training.networkParameters(net, arch), settings.weights(), manager);
    this.archAdam = new Adam(arch, settings.architecture(), manager);
    this.initialTau = space.temperature();
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Runs epochs {@code firstEpoch} .. epochs-1 (0-based) on the {@link EpochLoop}: an epoch with a
   * non-finite loss throws {@link SearchDiverged} before {@code listener} sees it.
   */
  public void run(FeatureBatches train, FeatureBatches dev, int firstEpoch, Listener listener, PrintWriter err)
      throws IOException {
    new EpochLoop<Epoch>(epoch -> epoch(train, dev, epoch, err), settings.epochs(), List.of(
        EpochLoop.divergenceCheck(Epoch::finite, e -> new SearchDiverged(e.epoch(), e.trainLoss(), e.devLoss())),
        listener)).run(firstEpoch);
  }

  private Epoch epoch(FeatureBatches train, FeatureBatches dev, int epoch, PrintWriter err) {
    int bs = settings.batchSize();
    long start = System.nanoTime();
    Random random = Training.reseed(seed, STAGE, epoch);
    double tau = settings.tau(initialTau, epoch);
    space.setTemperature(tau);
    boolean architecture = epoch >= settings.warmupEpochs();
    int trainBatches = train.batches(bs);
    int devBatches = dev.batches(bs);
    double trainLoss;
    double trainAcc;
    Map<String, GradientSize> archGradient;
    try (NDManager epochManager = manager.newSubManager()) {
      NDArray trainOrder = train.order(random, epochManager);
      NDArray devOrder = dev.order(random, epochManager);
      NDArray lossSum = epochManager.zeros(new Shape());
      NDArray correctSum = epochManager.zeros(new Shape());
      startGradientTally(epochManager);
      boolean perBatch = settings.alternation().equals("batch");
      long total = trainBatches + (architecture ? (perBatch ? trainBatches : devBatches) : 0);
      ProgressBar progress = ProgressBar.epoch(err, "search", epoch + 1, settings.epochs(), total, "it");
      for (int b = 0; b < trainBatches; b++) {
        if (architecture && perBatch) {
          final int d = b % devBatches;
          step(StepKind.ARCHITECTURE, () -> dev.batch(devOrder, d, bs), archAdam, settings.architecture().lr(), null,
              null);
          progress.step(1);
        }
        final int t = b;
        double lr = settings.schedule().rate(settings.weights().lr(), epoch + (double) b / trainBatches);
        step(StepKind.WEIGHTS, () -> train.batch(trainOrder, t, bs), weightAdam, lr, lossSum, correctSum);
        progress.step(1);
      }
      if (architecture && !perBatch) {
        for (int b = 0; b < devBatches; b++) {
          final int d = b;
          step(StepKind.ARCHITECTURE, () -> dev.batch(devOrder, d, bs), archAdam, settings.architecture().lr(), null,
              null);
          progress.step(1);
        }
      }
      trainLoss = lossSum.getFloat() / train.size();
      trainAcc = correctSum.getFloat() / train.size();
      archGradient = gradientTally();
      progress.finish("");
    }
    space.setStepKind(StepKind.WEIGHTS);
    double[] devScores = Training.scores(net, dev, bs, manager);
    double devLoss = devScores[dev.size()];
    double devAcc = accuracy(devScores, dev.labelArray());
    return new Epoch(epoch + 1, trainLoss, trainAcc, devLoss, devAcc, space.entropies(), archGradient, tau,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Benchmark helper: {@code iterations} search iterations (an architecture step on a dev batch, then
   * a weight step on a train batch), cycling through both splits in row order at the current tau.
   */
  public void runIterations(FeatureBatches train, FeatureBatches dev, int iterations) {
    int bs = settings.batchSize();
    try (NDManager scratch = manager.newSubManager()) {
      NDArray trainOrder = train.order(null, scratch);
      NDArray devOrder = dev.order(null, scratch);
      for (int i = 0; i < iterations; i++) {
        final int d = i % dev.batches(bs);
        final int t = i % train.batches(bs);
        step(StepKind.ARCHITECTURE, () -> dev.batch(devOrder, d, bs), archAdam, settings.architecture().lr(), null, null);
        step(StepKind.WEIGHTS, () -> train.batch(trainOrder, t, bs), weightAdam, settings.weights().lr(), null, null);
      }
    }
  }

  /**
   * Benchmark probe: after each following step, reports how many NDArrays the step created (counted
   * under {@code root} just before the step's scope closes them). Null turns it off.
   */
  public void setCreationProbe(NDManager root, java.util.function.ObjIntConsumer<StepKind> probe) {
    this.probeRoot = root;
    this.probe = probe;
  }

  private NDManager probeRoot;
  private java.util.function.ObjIntConsumer<StepKind> probe;

  static double accuracy(double[] scores, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((scores[i] >= 0.5 ? 1 : 0) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  private void step(StepKind kind, Supplier<NDList> batchSupplier, Adam adam, double lr, NDArray lossSum,
      NDArray correctSum) {
    int before = probe == null ? 0 : probeRoot.getManagedArrays().size();
    try (NDScope scope = new NDScope()) {
      NDList batch = batchSupplier.get();
      NDArray labels = batch.remove(batch.size() - 1);
      space.setStepKind(kind);
      weightAdam.zeroGradients();
      archAdam.zeroGradients();
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = net.forward(store, batch, true).head();
        NDArray loss = Training.crossEntropy(logits, labels, null);
        collector.backward(loss);
        if (lossSum != null) {
          lossSum.addi(loss.stopGradient().mul(labels.getShape().get(0)));
          correctSum.addi(Training.correct(logits.stopGradient(), labels));
        }
      }
      if (kind == StepKind.ARCHITECTURE && gradSum != null) {
        for (int i = 0; i < arch.size(); i++) {
          NDArray g = arch.get(i).getArray().getGradient();
          gradSum[i].addi(g);
          gradAbsSum[i].addi(g.abs());
        }
        archSteps++;
      }
      adam.step(lr);
      if (probe != null) {
        probe.accept(kind, probeRoot.getManagedArrays().size() - before);
      }
    }
  }

  private void startGradientTally(NDManager epochManager) {
    gradSum = new NDArray[arch.size()];
    gradAbsSum = new NDArray[arch.size()];
    for (int i = 0; i < arch.size(); i++) {
      gradSum[i] = epochManager.zeros(arch.get(i).getArray().getShape());
      gradAbsSum[i] = epochManager.zeros(arch.get(i).getArray().getShape());
    }
    archSteps = 0;
  }

  /** Reads the epoch's gradient sums (one host copy per table per epoch) and ends the tally. */
  private Map<String, GradientSize> gradientTally() {
    Map<String, GradientSize> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < arch.size(); i++) {
      double meanAbs = Double.NaN;
      double signal = Double.NaN;
      if (archSteps > 0) {
        meanAbs = gradAbsSum[i].mean().getFloat() / archSteps;
        signal = gradSum[i].abs().mean().getFloat() / archSteps;
      }
      out.put(arch.get(i).getName(), new GradientSize(meanAbs, signal));
    }
    gradSum = null;
    gradAbsSum = null;
    return out;
  }

  /** Weights, architecture tables, BatchNorm statistics and both optimizers' state. */
  @Override
  public void save(DataOutputStream out) throws IOException {
    Training.saveParameters(net, out);
    weightAdam.save(out);
    archAdam.save(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    Training.loadParameters(net, in);
    weightAdam.load(in);
    archAdam.load(in);
  }
}
