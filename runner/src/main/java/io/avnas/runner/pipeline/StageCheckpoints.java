package io.avnas.runner.pipeline;

import com.google.gson.JsonObject;
import io.avnas.runner.files.Json;
import io.avnas.runner.workspace.UserError;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The epoch checkpoints of one training stage in a run folder: {@code checkpoints/<stage>-e<N>.ckpt}
 * ({@link VerifiedFile}s) and the commit marker {@code checkpoints/<stage>.json} that names the last
 * committed epoch.
 *
 * <p>A commit writes the epoch's checkpoint, then the marker, and only then drops checkpoints older
 * than the previous epoch: the previous one stays as the fallback when the newest turns out to be
 * bad. {@link #restore} loads the committed epoch and, when its file is missing, truncated, modified
 * or holds NaN/inf, falls back to the newest good earlier one with a one-line warning naming both
 * files; with none left it stops with one line that says what to do. Loading never continues from a
 * state it could not verify.
 */
public final class StageCheckpoints {
  /** Reads a stage's state from a verified checkpoint body. */
  public interface Loader {
    void load(DataInputStream in) throws IOException;
  }

  private final RunFolder folder;
  private final String stage;
  private final Pattern name;

  public StageCheckpoints(RunFolder folder, String stage) {
    this.folder = folder;
    this.stage = stage;
    this.name = Pattern.compile(Pattern.quote(stage) + "-e(\\d{1,9})\\.ckpt");
  }

  public String stage() {
    return stage;
  }

  /** The checkpoint file of {@code epoch} (1-based). */
  public Path file(int epoch) {
    return folder.checkpoint(stage + "-e" + epoch + ".ckpt");
  }

  public Path marker() {
    return folder.checkpoint(stage + ".json");
  }

  /** The kind recorded in a checkpoint's header: a search checkpoint is never read as a retrain one. */
  public String kind() {
    return stage + "-checkpoint";
  }

  /** The last committed epoch (0 when the stage has not committed one). */
  public int committedEpoch() {
    return marker("epoch", 0).intValue();
  }

  /** The stage's wall-clock seconds up to the committed epoch. */
  public double committedSeconds() {
    return marker("seconds", 0).doubleValue();
  }

  private Number marker(String key, Number none) {
    Path marker = marker();
    if (!Files.exists(marker)) {
      return none;
    }
    try {
      JsonObject o = Json.parse(Files.readString(marker));
      return o.get(key).getAsNumber();
    } catch (IOException | RuntimeException e) {
      throw new UserError("the commit marker " + marker + " is damaged (" + e.getMessage() + "); delete it and the "
          + stage + " checkpoints to redo the " + stage + ", or start the run again with --overwrite", e);
    }
  }

  /** Commits {@code epoch}: its checkpoint, then the marker, then drops checkpoints before the previous epoch. */
  public void commit(int epoch, double seconds, VerifiedFile.Body state) throws IOException {
    commit(epoch, seconds, state, e -> false);
  }

  /**
   * As {@link #commit(int, double, VerifiedFile.Body)}, but also keeps every older epoch {@code keep}
   * accepts (e.g. the best epoch so far, for a later {@link #load}).
   */
  public void commit(int epoch, double seconds, VerifiedFile.Body state, IntPredicate keep) throws IOException {
    VerifiedFile.write(file(epoch), kind(), state);
    JsonObject marker = new JsonObject();
    marker.addProperty("format", 1);
    marker.addProperty("epoch", epoch);
    marker.add("seconds", Json.num(seconds));
    folder.writeText(marker(), Json.PRETTY.toJson(marker) + "\n");
    for (int old : epochsOnDisk()) {
      if (old < epoch - 1 && !keep.test(old)) {
        Files.deleteIfExists(file(old));
      }
    }
  }

  /** Verifies the checkpoint of {@code epoch} and loads it; a bad file or state is a {@link CorruptFile}. */
  public void load(int epoch, Loader loader) throws CorruptFile {
    Path file = file(epoch);
    byte[] body = VerifiedFile.read(file, kind());
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      loader.load(in);
      if (in.available() != 0) {
        throw new CorruptFile(file, "has " + in.available() + " bytes after the " + stage + " state");
      }
    } catch (CorruptFile e) {
      throw e;
    } catch (java.io.EOFException e) {
      throw new CorruptFile(file, "ends before the " + stage + " state does", e);
    } catch (IOException | RuntimeException e) {
      throw new CorruptFile(file, "holds a state this run cannot use (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Loads the committed epoch, or the newest good checkpoint before it.
   *
   * @return the epoch whose state is now loaded; 0 when the stage starts from its first epoch
   * @throws UserError when checkpoints exist but none of them is good
   */
  public int restore(Loader loader, PrintWriter progress) {
    int committed = committedEpoch();
    if (committed == 0) {
      return 0;
    }
    List<Integer> candidates = new ArrayList<>(List.of(committed));
    epochsOnDisk().stream().filter(e -> e < committed).sorted(Comparator.reverseOrder()).forEach(candidates::add);
    if (epochsOnDisk().isEmpty()) {
      progress.println("avnas: warning: no checkpoint of the " + stage + " is left (" + marker() + " names epoch "
          + committed + "); the " + stage + " starts again from its first epoch");
      return 0;
    }
    CorruptFile newest = null;
    for (int epoch : candidates) {
      try {
        load(epoch, loader);
        if (newest != null) {
          progress.println("avnas: warning: " + newest.getMessage() + "; resuming the " + stage
              + " from the previous good checkpoint " + file(epoch) + " (epoch " + epoch + ")");
        }
        return epoch;
      } catch (CorruptFile e) {
        if (newest == null) {
          newest = e;
        }
      }
    }
    throw new UserError(newest.getMessage() + ", and no earlier good checkpoint of the " + stage + " is left; delete "
        + folder.checkpoint(stage + "-e*.ckpt") + " to redo the " + stage + " from its first epoch, or start the run"
        + " again with --overwrite", newest);
  }

  /** The epochs whose checkpoint files exist, ascending. */
  public List<Integer> epochsOnDisk() {
    Path dir = folder.checkpoint("");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> name.matcher(p.getFileName().toString())).filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
    } catch (IOException e) {
      throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
