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
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.api.data.Splits;
import io.avnas.api.media.PreprocessSpec;
import io.avnas.runner.progress.ProgressBar;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
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
 * accuracy decides whether the weights are saved, so the file holds the best epoch on VAL.
 */
public final class Pretrainer {

  /** What pretraining wrote: per modality, the file and its best VAL accuracy. */
  public record Written(Path file, double valAccuracy, int epoch) {}

  private Pretrainer() {}

  public static Map<Modality, Written> run(Workspace workspace, PrintWriter progress) {
    return run(workspace, PretrainSettings.from(workspace.config()), EnumSet.allOf(Modality.class), progress);
  }

  /** Pretrains the backbones of the given modalities only, writing into {@code settings.outDir()}. */
  static Map<Modality, Written> run(Workspace workspace, PretrainSettings settings, Set<Modality> modalities,
      PrintWriter progress) {
    Plugins plugins = new Plugins(workspace);
    FeatureSettings features = FeatureSettings.from(workspace.config());
    PreprocessSpec spec = plugins.preprocessing();
    try (DatasetProvider provider = plugins.openDataset();
        NDManager manager = NDManager.newBaseManager(plugins.device(progress))) {
      Map<Split, List<ClipInfo>> splits = Splits.assign(provider.clips(), features.ratios(), plugins.seed());
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
    List<Learner> learners = new ArrayList<>();
    for (int i = 0; i < backbones.size(); i++) {
      learners.add(new Learner(backbones.get(i), ids.get(i), settings, manager));
    }
    return train(learners, splits, batches, settings, seed, progress);
  }

  private static Map<Modality, Written> train(List<Learner> learners, Map<Split, List<ClipInfo>> splits, ClipBatches batches,
      PretrainSettings settings, long seed, PrintWriter progress) {
    List<ClipInfo> train = new ArrayList<>(splits.getOrDefault(Split.TRAIN, List.of()));
    List<ClipInfo> val = splits.getOrDefault(Split.VAL, List.of());
    if (train.isEmpty()) {
      throw new UserError("pretrain: the TRAIN split is empty; check avnas.dataset and its split ratios");
    }
    Random shuffle = new Random(seed);
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      Collections.shuffle(train, shuffle);
      ProgressBar bar = ProgressBar.epoch(progress, "pretrain", epoch, settings.epochs(), train.size(), "clips");
      learners.forEach(Learner::resetEpoch);
      batches.forEach(train, settings.batchSize(), batch -> {
        // Batch norm needs two samples to train; a last batch of one is left out.
        if (batch.size() > 1) {
          for (Learner l : learners) {
            l.step(batch);
          }
        }
        bar.step(batch.size() + batch.skipped().size());
      });
      bar.finish();
      learners.forEach(Learner::resetEval);
      batches.forEach(val, settings.batchSize(), batch -> {
        if (batch.size() > 0) {
          learners.forEach(l -> l.evaluate(batch));
        }
      });
      for (Learner l : learners) {
        l.endEpoch(epoch, progress);
      }
    }
    Map<Modality, Written> written = new EnumMap<>(Modality.class);
    learners.forEach(l -> written.put(l.backbone.modality(), l.best));
    return written;
  }

  /** One backbone, its linear head, and its optimizer. */
  private static final class Learner {
    final Backbone backbone;
    final Linear head;
    final Optimizer optimizer;
    final NDManager manager;
    final ParameterStore store;
    final Path file;
    final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    boolean firstStep = true;
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
      for (Block block : List.of(backbone.block(), head)) {
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

    private float[] labels(List<ClipInfo> clips) {
      float[] y = new float[clips.size()];
      for (int i = 0; i < y.length; i++) {
        ClipInfo c = clips.get(i);
        y[i] = (backbone.modality() == Modality.VISUAL ? c.fakeVideo() : c.fakeAudio()) ? 1f : 0f;
      }
      return y;
    }

    private NDArray logits(NDArray input, boolean training) {
      NDArray pooled = backbone.block().forward(store, new NDList(input), training).get(3);
      // Visual pooled taps are per frame, (B, T, C): average the frames, as the cached feature does.
      NDArray vector = backbone.modality() == Modality.VISUAL ? pooled.mean(new int[] {1}) : pooled;
      return head.forward(store, new NDList(vector), training).singletonOrThrow();
    }

    void step(ClipBatches.Batch batch) {
      // The first step creates Adam's state, which must outlive every scope; later steps are scoped.
      if (firstStep) {
        firstStep = false;
        doStep(batch);
        return;
      }
      try (NDScope scope = new NDScope()) {
        doStep(batch);
        scope.suppressNotUsedWarning();
      }
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

    /** Saves the weights when VAL accuracy improved; without a VAL split, every epoch (the last wins). */
    void endEpoch(int epoch, PrintWriter progress) {
      double valAccuracy = valSeen == 0 ? Double.NaN : (double) valCorrect / valSeen;
      progress.printf(Locale.ROOT, "%s: epoch %d train loss %.4f acc %.3f, val acc %.3f%n", backbone.modality(), epoch,
          seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? Double.NaN : (double) trainCorrect / seen, valAccuracy);
      boolean noVal = Double.isNaN(valAccuracy);
      if (noVal || valAccuracy > bestAccuracy) {
        bestAccuracy = noVal ? bestAccuracy : valAccuracy;
        try {
          backbone.save(file);
        } catch (IOException e) {
          throw new UserError("cannot write the weights file " + file + " (" + e + "); check avnas.pretrain.out-dir", e);
        }
        best = new Written(file, valAccuracy, epoch);
        progress.printf("%s: saved %s%n", backbone.modality(), file);
      }
    }

    private static int correct(float[] logits, float[] labels) {
      int n = 0;
      for (int i = 0; i < logits.length; i++) {
        n += (logits[i] > 0) == (labels[i] > 0.5f) ? 1 : 0;
      }
      return n;
    }
  }
}
