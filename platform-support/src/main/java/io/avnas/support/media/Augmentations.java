package io.avnas.support.media;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.support.media.internal.AugmentOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The augmentation pipeline of {@code avnas.dataset.augment}: named ops applied in order to decoded
 * clips (the runner applies it to TRAIN clips only). Engine-free, immutable and thread-safe; the
 * randomness of one application comes from a seed and the clip's key, so it is reproducible.
 *
 * <p>Ops: {@code hflip}, {@code temporal-crop}, {@code colour-jitter}, {@code noise}, {@code gain},
 * {@code time-shift}, {@code time-reversal} (parameters in {@code docs/synthetic.md}).
 */
public final class Augmentations {
  private final List<AugmentOp> ops;

  private Augmentations(List<AugmentOp> ops) {
    this.ops = List.copyOf(ops);
  }

  /** The empty pipeline: {@link #apply} returns its input. */
  public static Augmentations none() {
    return new Augmentations(List.of());
  }

  /**
   * Reads {@code augment = [ { op = NAME, p = .., ... }, ... ]} from the {@code avnas.dataset} block.
   *
   * @throws InvalidConfigException naming the element (e.g. {@code avnas.dataset.augment[1].max-db})
   */
  public static Augmentations from(ConfigBlock datasetBlock) {
    List<? extends ConfigObject> elements;
    try {
      elements = datasetBlock.getObjectList("augment");
    } catch (ConfigException.Missing e) {
      throw new InvalidConfigException(datasetBlock.key("augment"), "is missing; it must be a list, e.g. [] or [ { op = hflip } ]");
    } catch (ConfigException.WrongType e) {
      throw new InvalidConfigException(datasetBlock.key("augment"),
          "must be a list of objects such as [ { op = hflip, p = 0.5 }, { op = gain, min-db = -6, max-db = 6 } ]");
    }
    List<AugmentOp> ops = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      ops.add(AugmentOp.parse(new ConfigBlock(datasetBlock.key("augment") + "[" + i + "]", elements.get(i).toConfig())));
    }
    return new Augmentations(ops);
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /**
   * Applies every op in order (each with its probability). The same {@code seed} and clip key give
   * the same result; pass e.g. the experiment seed plus a variant number for several variants.
   */
  public Clip apply(Clip clip, long seed) {
    if (ops.isEmpty()) {
      return clip;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + clip.info().key().hashCode());
    Clip current = clip;
    for (AugmentOp op : ops) {
      current = op.maybeApply(current, random);
    }
    return current;
  }

  /** The pipeline with every parameter, e.g. {@code [hflip(p=0.5), gain(p=1, min-db=-6, max-db=6)]}: part of cache keys. */
  @Override
  public String toString() {
    return ops.stream().map(AugmentOp::describe).collect(Collectors.joining(", ", "[", "]"));
  }
}
