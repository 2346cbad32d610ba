package io.avnas.runner.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.avnas.runner.config.RetrainSettings;
import io.avnas.runner.loop.EpochLoop;
import io.avnas.runner.metrics.BinaryMetrics;
import io.avnas.runner.progress.ProgressBar;
import io.avnas.runner.search.Adam;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.Training;
import io.avnas.support.data.Balancing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;

/**
 * Trains a fixed network on the train split and keeps the parameters of the epoch with the best val
 * AUC (ties: lower val loss). The test split is never seen here.
 */
public final class Retrainer implements EpochLoop.Checkpointed {
  public static final String STAGE = "retrain";

  /** What one retrain epoch measured. */
  public record Epoch(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double valAuc,
      boolean finite, double seconds) {}

  /** Called after every epoch. */
  public interface Listener extends EpochLoop.Listener<Epoch> {}

  private final Block net;
  private final RetrainSettings settings;
  private final NDManager manager;
  private final long seed;
  private final Adam adam;
  private final ParameterStore store;
  private byte[] best;
  private double bestAuc = Double.NEGATIVE_INFINITY;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;

  public Retrainer(Block net, RetrainSettings settings, NDManager manager, long seed) {
    this.net = net;
    this.settings = settings;
    this.manager = manager;
    this.seed = seed;
    this.adam = new Adam(Training.networkParameters(net, List.of()), settings.adam(), manager);
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Runs epochs {@code firstEpoch} .. epochs-1 (0-based) on the {@link EpochLoop}: an epoch with a
   * non-finite train loss or VAL score throws {@link RetrainDiverged} before {@code listener} sees it.
   */
  public void run(FeatureBatches train, FeatureBatches val, int firstEpoch, Listener listener, PrintWriter err)
      throws IOException {
    float[] classWeights = classWeights(train.labelArray());
    new EpochLoop<Epoch>(epoch -> epoch(train, val, classWeights, epoch, err), settings.epochs(), List.of(
        EpochLoop.divergenceCheck(Epoch::finite, e -> new RetrainDiverged(e.epoch(), e.trainLoss(), e.valLoss())),
        listener)).run(firstEpoch);
  }

  private Epoch epoch(FeatureBatches train, FeatureBatches val, float[] classWeights, int epoch, PrintWriter err)
      throws IOException {
    int bs = settings.batchSize();
    long start = System.nanoTime();
    Random random = Training.reseed(seed, STAGE, epoch);
    int batches = train.batches(bs);
    double trainLoss;
    double trainAcc;
    try (NDManager epochManager = manager.newSubManager()) {
      NDArray order = settings.balance() == Balancing.Mode.WEIGHTED_SAMPLER
          ? train.orderOf(balancedRows(train.labelArray(), random), epochManager)
          : train.order(random, epochManager);
      NDArray weights = classWeights == null ? null : epochManager.create(classWeights);
      NDArray lossSum = epochManager.zeros(new Shape());
      NDArray correctSum = epochManager.zeros(new Shape());
      ProgressBar progress = ProgressBar.epoch(err, "retrain", epoch + 1, settings.epochs(), batches, "it");
      for (int b = 0; b < batches; b++) {
        double lr = settings.schedule().rate(settings.adam().lr(), epoch + (double) b / batches);
        try (NDScope scope = new NDScope()) {
          NDList batch = train.batch(order, b, bs);
          NDArray labels = batch.remove(batch.size() - 1);
          adam.zeroGradients();
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(store, batch, true).head();
            NDArray loss = Training.crossEntropy(logits, labels, weights);
            collector.backward(loss);
            lossSum.addi(loss.stopGradient().mul(labels.getShape().get(0)));
            correctSum.addi(Training.correct(logits.stopGradient(), labels));
          }
          adam.step(lr);
        }
        progress.step(1);
      }
      trainLoss = lossSum.getFloat() / train.size();
      trainAcc = correctSum.getFloat() / train.size();
      progress.finish("");
    }
    double[] scores = Training.scores(net, val, bs, manager);
    double valLoss = scores[val.size()];
    if (!Double.isFinite(trainLoss) || !Training.allFinite(scores)) {
      return new Epoch(epoch + 1, trainLoss, trainAcc, valLoss, Double.NaN, Double.NaN, false,
          (System.nanoTime() - start) / 1e9);
    }
    BinaryMetrics m = BinaryMetrics.of(java.util.Arrays.copyOf(scores, val.size()), val.labelArray());
    double auc = Double.isNaN(m.auc()) ? 0 : m.auc();
    if (auc > bestAuc || (auc == bestAuc && valLoss < bestLoss)) {
      bestAuc = auc;
      bestLoss = valLoss;
      bestEpoch = epoch + 1;
      best = snapshot();
    }
    return new Epoch(epoch + 1, trainLoss, trainAcc, valLoss, m.acc(), m.auc(), true,
        (System.nanoTime() - start) / 1e9);
  }

  /** Inverse class frequency weights n / (2 n_c) for the weighted loss, or null otherwise. */
  private float[] classWeights(int[] labels) {
    if (settings.balance() != Balancing.Mode.WEIGHTED_LOSS) {
      return null;
    }
    double[] perClass = inverseFrequency(labels);
    return new float[] {(float) perClass[0], (float) perClass[1]};
  }

  /** One epoch of a class-balanced sampler: n indices drawn with replacement, each class equally likely. */
  static int[] balancedRows(int[] labels, Random random) {
    double[] perClass = inverseFrequency(labels);
    double[] weights = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      weights[i] = perClass[labels[i]];
    }
    return Balancing.draw(weights, labels.length, random.nextLong());
  }

  /** n / (2 n_c) per class; 1 for a class with no clips. */
  private static double[] inverseFrequency(int[] labels) {
    int fakes = 0;
    for (int y : labels) {
      fakes += y;
    }
    int reals = labels.length - fakes;
    return new double[] {reals == 0 ? 1 : labels.length / (2.0 * reals), fakes == 0 ? 1 : labels.length / (2.0 * fakes)};
  }

  private byte[] snapshot() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Training.saveParameters(net, out);
    }
    return bytes.toByteArray();
  }

  /** Puts the selected epoch's parameters into the network. */
  public void restoreBest() throws IOException {
    if (best != null) {
      Training.loadParameters(net, new DataInputStream(new ByteArrayInputStream(best)));
    }
  }

  /** The epoch (1-based) model selection picked. */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    Training.saveParameters(net, out);
    adam.save(out);
    out.writeInt(bestEpoch);
    out.writeDouble(bestAuc);
    out.writeDouble(bestLoss);
    out.writeInt(best == null ? 0 : best.length);
    if (best != null) {
      out.write(best);
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    Training.loadParameters(net, in);
    adam.load(in);
    bestEpoch = in.readInt();
    bestAuc = in.readDouble();
    bestLoss = in.readDouble();
    best = Training.readBlock(in);
    if (best.length == 0) {
      best = null;
    } else {
      // The selected epoch's parameters must load too; finding out at the end of the run is too late.
      Training.loadParameters(net, new DataInputStream(new ByteArrayInputStream(best)), true);
    }
  }
}
