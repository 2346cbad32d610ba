package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avnas extract --json} on the quickstart profile, twice: a miss that fills the cache, then a
 * hit, with the plugins the quickstart selects (synthetic, grmc, bimodal).
 */
class ExtractCommandQuickstartTest {
  @TempDir Path dir;

  @Test
  void secondCallIsAFastCacheHit() {
    JsonObject first = extract();
    JsonObject second = extract();
    assertEquals("miss", first.get("cache").getAsString());
    assertEquals("hit", second.get("cache").getAsString());
    assertEquals(first.get("clips"), second.get("clips"));
    int clips = first.getAsJsonObject("clips").entrySet().stream().mapToInt(e -> e.getValue().getAsInt()).sum();
    assertEquals(1200 - first.get("skipped").getAsInt(), clips, "the quickstart's 1200 synthetic clips");
    assertTrue(second.get("seconds").getAsDouble() < first.get("seconds").getAsDouble(), first + " then " + second);
  }

  private JsonObject extract() {
    CliRun run = CliRun.of("extract", "--json", "--plugins", dir.resolve("no-plugins").toString(),
        "-Davnas.features.cache-dir=" + dir.resolve("cache"));
    assertEquals(0, run.exit(), run.err());
    return JsonParser.parseString(run.out().trim()).getAsJsonObject();
  }
}
