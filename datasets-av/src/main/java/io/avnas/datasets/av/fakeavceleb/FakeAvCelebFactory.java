package io.avnas.datasets.av.fakeavceleb;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.datasets.av.decode.ConfigFiles;
import io.avnas.datasets.av.decode.DecodeOptions;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClipProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code avnas.dataset.id = fakeavceleb}: FakeAVCeleb v1.2 from {@code avnas.dataset.root}, with
 * optional method subsets ({@code avnas.dataset.methods}). Clips carry no preset split: the shared
 * splitter splits them by identity (the {@code source} column).
 */
public final class FakeAvCelebFactory implements DatasetProviderFactory {
  public static final String ID = "fakeavceleb";

  static final String ROOT = "root";
  static final String METHODS = "methods";

  private static final Logger LOG = LoggerFactory.getLogger(FakeAvCelebFactory.class);
  private static final String WHAT = "the FakeAVCeleb_v1.2 folder (the one holding meta_data.csv and RealVideo-RealAudio/...)";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "FakeAVCeleb v1.2 from its meta_data.csv and mp4 tree (avnas.dataset.root); categories A-D";
  }

  @Override
  public void validate(ConfigBlock block) {
    layout(block);
    methods(block);
    DecodeOptions.from(block);
  }

  @Override
  public DatasetProvider open(ConfigBlock block, long seed) {
    FakeAvCelebIndex.Layout layout = layout(block);
    List<String> methods = methods(block);
    DecodeOptions options = DecodeOptions.from(block);
    ListingProblems problems = new ListingProblems();
    FakeAvCelebIndex index;
    try {
      index = FakeAvCelebIndex.build(layout, methods, problems);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + layout.csv() + ": " + e.getMessage(), e);
    }
    problems.log(LOG, ID);
    if (index.entries().isEmpty()) {
      throw new InvalidConfigException(block.key(ROOT), layout.csv() + " lists no clip"
          + (methods.isEmpty() ? "" : " of the methods " + methods) + "; check the file and avnas.dataset.methods");
    }
    LOG.info("{}: {} clips from {} (media under {})", ID, index.entries().size(), layout.csv(), layout.media());
    return new MediaClipProvider(ID, index.entries().stream().map(FakeAvCelebIndex.Entry::clip).toList(), options,
        "csv=" + layout.csv() + ";methods=" + methods);
  }

  static FakeAvCelebIndex.Layout layout(ConfigBlock block) {
    Path root = ConfigFiles.directory(block, ROOT, WHAT);
    List<Path> lookedAt = new ArrayList<>();
    FakeAvCelebIndex.Layout layout = FakeAvCelebIndex.locate(root, lookedAt);
    if (layout == null) {
      boolean noCsv = lookedAt.stream().anyMatch(p -> p.getFileName().toString().equals("meta_data.csv"));
      throw new InvalidConfigException(block.key(ROOT), (noCsv ? "no meta_data.csv found; looked for " : "no category folder found; looked for ")
          + lookedAt + "; set it to " + WHAT);
    }
    return layout;
  }

  static List<String> methods(ConfigBlock block) {
    List<String> methods = new ArrayList<>();
    for (String method : block.getStringList(METHODS)) {
      String normalised = method.trim().toLowerCase(Locale.ROOT);
      if (!FakeAvCelebIndex.METHODS.contains(normalised)) {
        throw InvalidConfigException.of(block.key(METHODS), method, "a list of " + String.join(", ", FakeAvCelebIndex.METHODS)
            + " (empty = all)");
      }
      methods.add(normalised);
    }
    return List.copyOf(methods);
  }
}
