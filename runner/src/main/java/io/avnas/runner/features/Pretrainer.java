package io.avnas.runner.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.runner.config.FeatureSettings;
import io.avnas.runner.config.PretrainSettings;
import io.avnas.runner.loop.EpochLoop;
import io.avnas.runner.progress.ProgressBar;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import io.avnas.support.media.PreprocessSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code avnas pretrain}: ImageNet weights cannot be downloaded here, so each backbone learns its own
 * modality's real/fake label (the video label for the visual backbone, the audio label for the
 * audio one) through a linear head on its pooled tap. Steps use TRAIN; after each epoch the VAL
 * accuracy decides whether the weights are saved, so the file holds the best epoch on VAL (with the
 * sync objective, the epoch with the best mean VAL accuracy of the two, for both files).
 *
 * <p>With {@code avnas.pretrain.sync-weight > 0} both backbones also learn, in the same steps, a
 * SyncNet-style objective on the time-resolved taps the fusion cells read: every map tap, pooled to
 * (B, C, L) as {@link TapPooling} does for the cache, is projected per time step to an embedding,
 * and for each time step of a real clip (label real) its frames' embedding must pick its own audio
 * step out of the clip's L audio steps, and the other way round (InfoNCE). The per-modality label losses alone leave the
 * features blind to mouth/voice timing, the only cue of a lip-sync fake.
 */
public final class Pretrainer {
  /** Width of the per-time-step sync embeddings. */
  static final int SYNC_DIM = 32;
  /** InfoNCE temperature on cosine similarities (SyncNet-style objectives use 0.07 to 0.1). */
  static final float SYNC_TEMPERATURE = 0.1f;

  /** What pretraining wrote: per modality, the file and its best VAL accuracy. */
  public record Written(Path file, double valAccuracy, int epoch) {}

  private Pretrainer() {}

  public static Map<Modality, Written> run(Workspace workspace, PrintWriter progress) {
    return run(workspace, workspace.plan().pretrain(), EnumSet.allOf(Modality.class), progress);
  }

  /** Pretrains the backbones of the given modalities only, writing into {@code settings.outDir()}. */
  static Map<Modality, Written> run(Workspace workspace, PretrainSettings settings, Set<Modality> modalities,
      PrintWriter progress) {
    Plugins plugins = new Plugins(workspace);
    FeatureSettings features = workspace.plan().features();
    PreprocessSpec spec = plugins.preprocessing();
    try (DatasetProvider provider = plugins.openDataset();
        NDManager manager = NDManager.newBaseManager(plugins.device(progress))) {
      Map<Split, List<ClipInfo>> splits = plugins.splits(provider);
      Engine.getInstance().setRandomSeed((int) plugins.seed());
      List<Backbone> backbones = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      try {
        for (Modality m : modalities) {
          backbones.add(plugins.backbone(m, m == Modality.VISUAL ? spec.visualShape() : spec.audioShape(), manager));
          ids.add(plugins.backboneBlock(m).getString("id"));
        }
        List<ClipInfo> used = new ArrayList<>(splits.getOrDefault(Split.TRAIN, List.of()));
        used.addAll(splits.getOrDefault(Split.VAL, List.of()));
        boolean remember = fitsInMemory(used.size(), spec);
        try (ClipBatches batches = new ClipBatches(provider, ClipInputs.of(spec), features.threads(), remember)) {
          return train(backbones, ids, splits, batches, settings, plugins.seed(), manager, progress);
        }
      } finally {
        backbones.forEach(Backbone::close);
      }
    }
  }

  /**
   * Whether the decoded inputs of {@code clips} clips take at most a quarter of the heap (and 2 GiB):
   * then every epoch after the first reuses them instead of decoding again. At the quickstart's sizes
   * (840 clips of 8x3x64x64 frames and a 257x98 spectrogram) that is about 410 MB.
   */
  static boolean fitsInMemory(int clips, PreprocessSpec spec) {
    long floats = spec.visualShape().size() + spec.audioShape().size();
    long bytes = (long) clips * floats * Float.BYTES;
    return bytes <= Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4);
  }

  /**
   * Pretrains two given backbones (the engine behind {@link #run}, open to tests).
   *
   * @param ids the backbones' ids, naming the files ({@code <id>-<modality>.params})
   */
  static Map<Modality, Written> train(List<Backbone> backbones, List<String> ids, Map<Split, List<ClipInfo>> splits,
      ClipBatches batches, PretrainSettings settings, long seed, NDManager manager, PrintWriter progress) {
    // The sync objective needs both backbones in training; with one, it is left out.
    PretrainSettings effective = backbones.size() == 2 ? settings : settings.withoutSync();
    List<Learner> learners = new ArrayList<>();
    for (int i = 0; i < backbones.size(); i++) {
      learners.add(new Learner(backbones.get(i), ids.get(i), effective, manager));
    }
    return train(learners, splits, batches, effective, seed, progress);
  }

  private static Map<Modality, Written> train(List<Learner> learners, Map<Split, List<ClipInfo>> splits, ClipBatches batches,
      PretrainSettings settings, long seed, PrintWriter progress) {
    List<ClipInfo> train = new ArrayList<>(splits.getOrDefault(Split.TRAIN, List.of()));
    List<ClipInfo> val = splits.getOrDefault(Split.VAL, List.of());
    if (train.isEmpty()) {
      throw new UserError("pretrain: the TRAIN split is empty; check avnas.dataset and its split ratios");
    }
    Random shuffle = new Random(seed);
    Joint joint = settings.sync() ? new Joint(learners, settings) : null;
    // The epoch loop search and retrain run on: a diverged epoch stops pretraining before any file is
    // saved from it; then the sync line and each backbone's line (and its save when VAL improved).
    List<EpochLoop.Listener<? super Integer>> listeners = new ArrayList<>();
    listeners.add(EpochLoop.divergenceCheck((Integer epoch) -> learners.stream().allMatch(Learner::finite),
        epoch -> new UserError("pretraining diverged in epoch " + epoch + " (a train loss is not finite); lower "
            + "avnas.pretrain.lr and run again")));
    if (joint != null) {
      listeners.add(epoch -> joint.endEpoch(epoch, progress));
      // The sync objective aligns the two backbones with each other epoch by epoch, so both keep the
      // same epoch: the one with the best mean VAL accuracy (measured better than each backbone's own
      // best epoch; docs/features.md, "Pretraining epochs").
      double[] bestJoint = {-1};
      listeners.add(epoch -> {
        double score = learners.stream().mapToDouble(Learner::valAccuracy).average().orElse(Double.NaN);
        boolean save = Double.isNaN(score) || score > bestJoint[0];
        bestJoint[0] = save && !Double.isNaN(score) ? score : bestJoint[0];
        for (Learner l : learners) {
          l.endEpoch(epoch, progress, save);
        }
      });
    } else {
      learners.forEach(l -> listeners.add(epoch -> l.endEpoch(epoch, progress, l.improved())));
    }
    EpochLoop<Integer> loop = new EpochLoop<>(index -> {
      int epoch = index + 1;
      Collections.shuffle(train, shuffle);
      ProgressBar bar = ProgressBar.epoch(progress, "pretrain", epoch, settings.epochs(), train.size(), "clips");
      learners.forEach(Learner::resetEpoch);
      if (joint != null) {
        joint.reset();
      }
      batches.forEach(train, settings.batchSize(), batch -> {
        // Batch norm needs two samples to train; a last batch of one is left out.
        if (batch.size() > 1) {
          if (joint != null) {
            joint.step(batch);
          } else {
            for (Learner l : learners) {
              l.step(batch);
            }
          }
        }
        bar.step(batch.size() + batch.skipped().size());
      });
      bar.finish();
      learners.forEach(Learner::resetEval);
      batches.forEach(val, settings.batchSize(), batch -> {
        if (batch.size() > 0) {
          if (joint != null) {
            joint.evaluate(batch);
          } else {
            learners.forEach(l -> l.evaluate(batch));
          }
        }
      });
      return epoch;
    }, settings.epochs(), listeners);
    try {
      loop.run(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Modality, Written> written = new EnumMap<>(Modality.class);
    learners.forEach(l -> written.put(l.backbone.modality(), l.best));
    return written;
  }

  /**
   * Both learners in one step: the two label losses plus {@code sync-weight} times the sync loss,
   * one backward pass through both backbones and their heads.
   */
  private static final class Joint {
    final Learner visual;
    final Learner audio;
    final double weight;
    final int length;
    final Steps steps = new Steps();
    double lossSum;
    int lossSteps;
    double valLossSum;
    int valSteps;

    Joint(List<Learner> learners, PretrainSettings settings) {
      this.visual = learners.stream().filter(l -> l.backbone.modality() == Modality.VISUAL).findFirst().orElseThrow();
      this.audio = learners.stream().filter(l -> l.backbone.modality() == Modality.AUDIO).findFirst().orElseThrow();
      this.weight = settings.syncWeight();
      this.length = settings.syncLength();
    }

    void reset() {
      lossSum = 0;
      lossSteps = 0;
      valLossSum = 0;
      valSteps = 0;
    }

    void step(ClipBatches.Batch batch) {
      steps.run(() -> doStep(batch));
    }

    private void doStep(ClipBatches.Batch batch) {
      int b = batch.size();
      NDArray xv = visual.input(batch);
      NDArray xa = audio.input(batch);
      NDArray yv = visual.manager.create(visual.labels(batch.clips()), new Shape(b, 1));
      NDArray ya = audio.manager.create(audio.labels(batch.clips()), new Shape(b, 1));
      NDArray lv;
      NDArray la;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList tv = visual.forward(xv, true);
        NDList ta = audio.forward(xa, true);
        lv = visual.logits(tv, true);
        la = audio.logits(ta, true);
        NDArray lossV = Loss.sigmoidBinaryCrossEntropyLoss().evaluate(new NDList(yv), new NDList(lv));
        NDArray lossA = Loss.sigmoidBinaryCrossEntropyLoss().evaluate(new NDList(ya), new NDList(la));
        NDArray total = lossV.add(lossA);
        NDArray sync = syncLoss(visual.embeddings(tv, length, true), audio.embeddings(ta, length, true), batch.clips(), length);
        if (sync != null) {
          total = total.add(sync.mul(weight));
          lossSum += sync.getFloat();
          lossSteps++;
        }
        collector.backward(total);
        visual.lossSum += lossV.getFloat() * b;
        audio.lossSum += lossA.getFloat() * b;
      }
      visual.update();
      audio.update();
      visual.count(lv, batch.clips());
      audio.count(la, batch.clips());
    }

    void evaluate(ClipBatches.Batch batch) {
      try (NDScope scope = new NDScope()) {
        NDList tv = visual.forward(visual.input(batch), false);
        NDList ta = audio.forward(audio.input(batch), false);
        visual.valCorrect += Learner.correct(visual.logits(tv, false).toFloatArray(), visual.labels(batch.clips()));
        audio.valCorrect += Learner.correct(audio.logits(ta, false).toFloatArray(), audio.labels(batch.clips()));
        visual.valSeen += batch.size();
        audio.valSeen += batch.size();
        NDArray sync = syncLoss(visual.embeddings(tv, length, false), audio.embeddings(ta, length, false), batch.clips(), length);
        if (sync != null) {
          valLossSum += sync.getFloat();
          valSteps++;
        }
        scope.suppressNotUsedWarning();
      }
    }

    void endEpoch(int epoch, PrintWriter progress) {
      // ln L is chance: every step of the clip as likely as the right one.
      progress.printf(Locale.ROOT, "SYNC: epoch %d train loss %.4f, val loss %.4f%n", epoch,
          lossSteps == 0 ? Double.NaN : lossSum / lossSteps, valSteps == 0 ? Double.NaN : valLossSum / valSteps);
    }
  }

  /**
   * The sync loss of one batch, or null when it holds no real clip: per map tap and real clip, the
   * cosine similarities of its L visual step embeddings with its L audio step embeddings, divided by
   * {@link #SYNC_TEMPERATURE}; cross-entropy of each visual step towards its own audio step (rows)
   * and of each audio step towards its own visual step (columns), averaged over the steps, both
   * directions, the real clips and the taps. The negatives are the clip's own other steps: the same
   * face and voice, only the timing differs, as in a lip-sync fake (other clips' steps would also
   * be told apart by who speaks, which a lip-sync fake does not change).
   *
   * @param visual per map tap, (B L, D) unit embeddings, row b L + t
   * @param audio the same for the audio taps
   */
  static NDArray syncLoss(NDList visual, NDList audio, List<ClipInfo> clips, int length) {
    int b = clips.size();
    float[] anchor = new float[b];
    int real = 0;
    for (int i = 0; i < b; i++) {
      if (!clips.get(i).fake()) {
        real++;
        anchor[i] = 1f;
      }
    }
    if (real == 0) {
      return null;
    }
    NDManager m = visual.get(0).getManager();
    NDArray mask = m.create(anchor, new Shape(b, 1));
    NDArray eye = m.eye(length).expandDims(0);
    int taps = Math.min(visual.size(), audio.size());
    NDArray sum = null;
    for (int i = 0; i < taps; i++) {
      NDArray v = visual.get(i).reshape(b, length, -1);
      NDArray a = audio.get(i).reshape(b, length, -1);
      // scores[b, t, u] = <v[b, t], a[b, u]> / temperature
      NDArray scores = v.matMul(a.transpose(0, 2, 1)).div(SYNC_TEMPERATURE);
      NDArray toAudio = scores.logSoftmax(2).mul(eye).sum(new int[] {2});
      NDArray toVisual = scores.logSoftmax(1).mul(eye).sum(new int[] {1});
      NDArray tap = toAudio.add(toVisual).mul(mask).sum().neg();
      sum = sum == null ? tap : sum.add(tap);
    }
    return sum.div(2f * real * length * taps);
  }

  /**
   * Runs the training steps of one optimizer: the first unscoped, because it creates Adam's state, which must
   * outlive every scope; each later one in its own {@link NDScope}, so its intermediates are closed with it.
   */
  private static final class Steps {
    private boolean first = true;

    void run(Runnable step) {
      if (first) {
        first = false;
        step.run();
        return;
      }
      try (NDScope scope = new NDScope()) {
        step.run();
        scope.suppressNotUsedWarning();
      }
    }
  }

  /** One backbone, its linear head, and its optimizer. */
  private static final class Learner {
    final Backbone backbone;
    final Linear head;
    final Optimizer optimizer;
    final NDManager manager;
    final ParameterStore store;
    final Path file;
    /** Per map tap (in tap order), the projection to sync embeddings; empty without the objective. */
    final List<Linear> sync = new ArrayList<>();
    final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    final Steps steps = new Steps();
    double lossSum;
    int seen;
    int trainCorrect;
    int valCorrect;
    int valSeen;
    double bestAccuracy = -1;
    Written best;

    Learner(Backbone backbone, String id, PretrainSettings settings, NDManager manager) {
      this.backbone = backbone;
      this.manager = manager;
      this.store = new ParameterStore(manager, false);
      String modality = backbone.modality().name().toLowerCase(Locale.ROOT);
      this.file = settings.outDir().resolve(id + "-" + modality + ".params");
      this.head = Linear.builder().setUnits(1).build();
      head.initialize(manager, DataType.FLOAT32, new Shape(1, backbone.taps().get(3).channels()));
      this.optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build();
      List<Block> blocks = new ArrayList<>(List.of(backbone.block(), head));
      if (settings.sync()) {
        for (TapSpec tap : backbone.taps()) {
          if (TapPooling.isMap(backbone.modality(), tap)) {
            Linear projection = Linear.builder().setUnits(SYNC_DIM).build();
            projection.initialize(manager, DataType.FLOAT32, new Shape(1, tap.channels()));
            sync.add(projection);
            blocks.add(projection);
          }
        }
      }
      for (Block block : blocks) {
        for (Pair<String, Parameter> p : block.getParameters()) {
          if (p.getValue().requiresGradient()) {
            // Loaded weights may come without a gradient buffer.
            p.getValue().getArray().setRequiresGradient(true);
            trainable.add(p);
          }
        }
      }
    }

    void resetEpoch() {
      lossSum = 0;
      seen = 0;
      trainCorrect = 0;
    }

    void resetEval() {
      valCorrect = 0;
      valSeen = 0;
    }

    private float[] values(ClipBatches.Batch batch) {
      return backbone.modality() == Modality.VISUAL ? batch.visual() : batch.audio();
    }

    float[] labels(List<ClipInfo> clips) {
      float[] y = new float[clips.size()];
      for (int i = 0; i < y.length; i++) {
        ClipInfo c = clips.get(i);
        y[i] = (backbone.modality() == Modality.VISUAL ? c.fakeVideo() : c.fakeAudio()) ? 1f : 0f;
      }
      return y;
    }

    NDArray input(ClipBatches.Batch batch) {
      return manager.create(values(batch), new Shape(batch.size()).addAll(backbone.inputShape()));
    }

    NDList forward(NDArray input, boolean training) {
      return backbone.block().forward(store, new NDList(input), training);
    }

    NDArray logits(NDList taps, boolean training) {
      NDArray pooled = taps.get(3);
      // Visual pooled taps are per frame, (B, T, C): average the frames, as the cached feature does.
      NDArray vector = backbone.modality() == Modality.VISUAL ? pooled.mean(new int[] {1}) : pooled;
      return head.forward(store, new NDList(vector), training).singletonOrThrow();
    }

    private NDArray logits(NDArray input, boolean training) {
      return logits(forward(input, training), training);
    }

    /** Per map tap, the unit sync embeddings of every (clip, time step), (B L, D), row b L + t. */
    NDList embeddings(NDList taps, int length, boolean training) {
      NDList out = new NDList(sync.size());
      int next = 0;
      for (int i = 0; i < taps.size(); i++) {
        TapSpec spec = backbone.taps().get(i);
        if (!TapPooling.isMap(backbone.modality(), spec)) {
          continue;
        }
        // (B, C, L) -> (B, L, C) -> (B L, C): the steps the fusion cells see, each projected alone.
        NDArray steps = TapPooling.pool(taps.get(i), backbone.modality(), spec, length).transpose(0, 2, 1);
        Shape s = steps.getShape();
        NDArray e = sync.get(next++).forward(store, new NDList(steps.reshape(s.get(0) * s.get(1), s.get(2))), training)
            .singletonOrThrow();
        out.add(e.div(e.square().sum(new int[] {1}, true).add(1e-12f).sqrt()));
      }
      return out;
    }

    void update() {
      for (Pair<String, Parameter> p : trainable) {
        NDArray weight = p.getValue().getArray();
        optimizer.update(p.getValue().getId(), weight, weight.getGradient());
      }
    }

    void count(NDArray logits, List<ClipInfo> clips) {
      trainCorrect += correct(logits.toFloatArray(), labels(clips));
      seen += clips.size();
    }

    void step(ClipBatches.Batch batch) {
      steps.run(() -> doStep(batch));
    }

    private void doStep(ClipBatches.Batch batch) {
      int b = batch.size();
      NDArray x = manager.create(values(batch), new Shape(b).addAll(backbone.inputShape()));
      float[] y = labels(batch.clips());
      NDArray labels = manager.create(y, new Shape(b, 1));
      NDArray logits;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        logits = logits(x, true);
        NDArray loss = Loss.sigmoidBinaryCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
        collector.backward(loss);
        lossSum += loss.getFloat() * b;
      }
      for (Pair<String, Parameter> p : trainable) {
        NDArray weight = p.getValue().getArray();
        optimizer.update(p.getValue().getId(), weight, weight.getGradient());
      }
      trainCorrect += correct(logits.toFloatArray(), y);
      seen += b;
    }

    void evaluate(ClipBatches.Batch batch) {
      try (NDScope scope = new NDScope()) {
        NDArray x = manager.create(values(batch), new Shape(batch.size()).addAll(backbone.inputShape()));
        valCorrect += correct(logits(x, false).toFloatArray(), labels(batch.clips()));
        valSeen += batch.size();
        scope.suppressNotUsedWarning();
      }
    }

    /** Whether this epoch's train loss is finite (an epoch with no step has none, and counts as finite). */
    boolean finite() {
      return seen == 0 || Double.isFinite(lossSum);
    }

    double valAccuracy() {
      return valSeen == 0 ? Double.NaN : (double) valCorrect / valSeen;
    }

    /** Whether this epoch's VAL accuracy is the best yet; without a VAL split, every epoch is (the last wins). */
    boolean improved() {
      double valAccuracy = valAccuracy();
      return Double.isNaN(valAccuracy) || valAccuracy > bestAccuracy;
    }

    /** Reports the epoch and, with {@code save}, saves the weights as the file's epoch. */
    void endEpoch(int epoch, PrintWriter progress, boolean save) {
      double valAccuracy = valAccuracy();
      progress.printf(Locale.ROOT, "%s: epoch %d train loss %.4f acc %.3f, val acc %.3f%n", backbone.modality(), epoch,
          seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? Double.NaN : (double) trainCorrect / seen, valAccuracy);
      if (save) {
        bestAccuracy = Double.isNaN(valAccuracy) ? bestAccuracy : valAccuracy;
        try {
          backbone.save(file);
        } catch (IOException e) {
          throw new UserError("cannot write the weights file " + file + " (" + e + "); check avnas.pretrain.out-dir", e);
        }
        best = new Written(file, valAccuracy, epoch);
        progress.printf("%s: saved %s%n", backbone.modality(), file);
      }
    }

    static int correct(float[] logits, float[] labels) {
      int n = 0;
      for (int i = 0; i < logits.length; i++) {
        n += (logits[i] > 0) == (labels[i] > 0.5f) ? 1 : 0;
      }
      return n;
    }
  }
}
