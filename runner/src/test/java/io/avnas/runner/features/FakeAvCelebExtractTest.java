package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.testing.CliRun;
import io.avnas.datasets.av.fakeavceleb.FakeAvCelebTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avnas extract} with {@code avnas.dataset.id = fakeavceleb} on a FakeAVCeleb-shaped tree of
 * real mp4 files (the published meta_data.csv quirks, renamed race folders, the extra FakeAVCeleb/
 * level, a duplicate row and three broken files) fills the feature cache with the right counts.
 */
class FakeAvCelebExtractTest {
  private static final Map<String, String> CATEGORY_OF_FOLDER = Map.of(
      "RealVideo-RealAudio", "A", "RealVideo-FakeAudio", "B", "FakeVideo-RealAudio", "C", "FakeVideo-FakeAudio", "D");

  @TempDir Path dir;

  @Test
  void extractCountsEveryCategorySkipsTheBrokenFilesAndThenHitsTheCache() throws Exception {
    FakeAvCelebTree.Expected tree = FakeAvCelebTree.write(dir.resolve("data"), 4, true);
    Map<String, Integer> expected = new TreeMap<>(tree.listed());
    for (String key : tree.undecodable()) {
      expected.merge(CATEGORY_OF_FOLDER.get(key.substring(0, key.indexOf('/'))), -1, Integer::sum);
    }

    JsonObject first = extract(tree.root());
    assertEquals("miss", first.get("cache").getAsString());
    assertEquals(tree.undecodable().size(), first.get("skipped").getAsInt(), "the empty, truncated and missing files");
    Map<String, Integer> counted = new TreeMap<>();
    first.getAsJsonObject("clips").entrySet().forEach(e -> counted.put(e.getKey(), e.getValue().getAsInt()));
    assertEquals(expected, counted);
    try (var files = Files.list(dir.resolve("cache"))) {
      assertEquals(4, files.filter(f -> !f.getFileName().toString().startsWith(".")).count(), "one cache file per split");
    }

    JsonObject second = extract(tree.root());
    assertEquals("hit", second.get("cache").getAsString());
    assertEquals(first.get("clips"), second.get("clips"));
  }

  private JsonObject extract(Path root) {
    CliRun run = CliRun.of("extract", "--json", "--plugins", dir.resolve("no-plugins").toString(),
        "-Davnas.dataset.id=fakeavceleb", "-Davnas.dataset.root=" + root,
        "-Davnas.dataset.split.train=0.25", "-Davnas.dataset.split.dev=0.25",
        "-Davnas.dataset.split.val=0.25", "-Davnas.dataset.split.test=0.25",
        "-Davnas.features.cache-dir=" + dir.resolve("cache"));
    assertEquals(0, run.exit(), run.err());
    return JsonParser.parseString(run.out().trim()).getAsJsonObject();
  }
}
