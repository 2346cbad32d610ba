package io.avnas.runner.loop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one epoch loop that search and retrain run on: a stage says how to run one epoch, and
 * everything else that happens at an epoch's end (the divergence check, the metrics line, the
 * checkpoint, the progress line, a test's kill switch) attaches as a {@link Listener}, in the
 * spirit of DJL's {@code TrainingListener}. Listeners run in their order, so a divergence check
 * placed first keeps a diverged epoch out of the metrics and the checkpoints.
 *
 * @param <E> what one epoch measured
 */
public final class EpochLoop<E> {
  /** Runs one epoch. */
  @FunctionalInterface
  public interface Stage<E> {
    /**
     * @param index the 0-based epoch; the stage reseeds from it, so a resumed run draws what an
     *     uninterrupted one would
     */
    E run(int index) throws IOException;
  }

  /** A stage's state that a checkpoint holds: what resume needs to go on exactly where a run stopped. */
  public interface Checkpointed {
    void save(DataOutputStream out) throws IOException;

    void load(DataInputStream in) throws IOException;
  }

  /** Observes each epoch's result; throwing stops the loop before the listeners after it. */
  @FunctionalInterface
  public interface Listener<E> {
    void onEpoch(E epoch) throws IOException;
  }

  private final Stage<E> stage;
  private final int epochs;
  private final List<Listener<? super E>> listeners;

  /** @param epochs how many epochs the stage has in all (a resumed loop starts later, not shorter) */
  public EpochLoop(Stage<E> stage, int epochs, List<Listener<? super E>> listeners) {
    this.stage = stage;
    this.epochs = epochs;
    this.listeners = List.copyOf(listeners);
  }

  /** Runs epochs {@code first} .. epochs - 1 (0-based): {@code first} is how many a checkpoint already holds. */
  public void run(int first) throws IOException {
    for (int index = first; index < epochs; index++) {
      E epoch = stage.run(index);
      for (Listener<? super E> listener : listeners) {
        listener.onEpoch(epoch);
      }
    }
  }

  /**
   * A listener that throws {@code diverged}'s exception for an epoch {@code finite} rejects; put it
   * first, so nothing else sees that epoch.
   */
  public static <E> Listener<E> divergenceCheck(Predicate<E> finite, Function<E, ? extends RuntimeException> diverged) {
    return epoch -> {
      if (!finite.test(epoch)) {
        throw diverged.apply(epoch);
      }
    };
  }
}
