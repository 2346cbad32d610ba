package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.testing.CliRun;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code avnas estimators bench}: JSON shape, Proposition 1-2 ordering on the defaults, files, errors. */
class EstimatorsBenchCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void jsonHoldsOneObjectPerSettingAndGrmcBeatsStgsOnTheDefaultTheta() throws IOException {
    Path out = dir.resolve("bench");
    CliRun r = run("estimators", "bench", "--json", "--estimators", "stgs,grmc", "--tau", "0.5", "--K", "1,10,100", "--draws",
        "4000", "--seed", "3", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonArray array = JsonParser.parseString(r.out().trim()).getAsJsonArray();
    assertEquals(4, array.size(), "one stgs row and one grmc row per K");
    List<Double> variance = new ArrayList<>();
    for (JsonElement e : array) {
      JsonObject o = e.getAsJsonObject();
      assertEquals(Set.of("estimator", "tau", "K", "variance", "mse"), o.keySet());
      assertEquals(0.5, o.get("tau").getAsDouble());
      assertTrue(o.get("mse").getAsDouble() >= 0);
      variance.add(o.get("variance").getAsDouble());
    }
    assertEquals("stgs", array.get(0).getAsJsonObject().get("estimator").getAsString());
    assertTrue(array.get(0).getAsJsonObject().get("K").isJsonNull(), "stgs has K null");
    assertEquals(10, array.get(2).getAsJsonObject().get("K").getAsInt());
    double stgs = variance.get(0);
    // K = 1 has the stgs law: with 4000 draws the relative standard error of a variance estimate is
    // about sqrt((kurtosis - 1) / n) < 5% here, so 4 standard errors of the difference stay below 30%.
    assertEquals(stgs, variance.get(1), 0.3 * stgs, "grmc with K = 1 vs stgs");
    // K = 10 and 100: Rao-Blackwellisation cuts the variance by a factor of about 3.5 to 5 at tau 0.5
    // (docs/estimators.md), far beyond sampling error.
    assertTrue(variance.get(2) < 0.5 * stgs, "grmc K = 10 variance " + variance.get(2) + " vs stgs " + stgs);
    assertTrue(variance.get(3) < variance.get(2), "variance falls from K = 10 to K = 100");

    List<String> csv = Files.readAllLines(out.resolve(EstimatorsBenchCommand.CSV));
    assertEquals("estimator,tau,K,variance,mse,bias2", csv.get(0));
    assertEquals(5, csv.size());
    assertTrue(csv.get(1).startsWith("stgs,0.5,,"), csv.get(1));
    byte[] png = Files.readAllBytes(out.resolve(EstimatorsBenchCommand.PNG));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
  }

  @Test
  void theTableNamesTheExactGradientAndEverySetting() {
    CliRun r = run("estimators", "bench", "--theta", "0,1", "--costs", "1,0", "--tau", "1", "--K", "5", "--draws", "500",
        "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    // softmax(0, 1) = (0.2689, 0.7311); p * (c - <p, c>) = (0.1966, -0.1966).
    assertTrue(r.out().contains("(0.1966, -0.1966)"), r.out());
    assertTrue(r.out().contains("ESTIMATOR") && r.out().contains("grmc") && r.out().contains("stgs"), r.out());
  }

  @Test
  void badOptionsFailWithOneLineNamingTheOption() {
    CliRun costs = run("estimators", "bench", "--theta", "1,2,3", "--costs", "1,2", "--out", dir.toString());
    assertEquals(AvnasCommand.EXIT_INVALID, costs.exit());
    assertTrue(costs.err().contains("--costs"), costs.err());
    CliRun k = run("estimators", "bench", "--K", "0", "--out", dir.toString());
    assertEquals(AvnasCommand.EXIT_INVALID, k.exit());
    assertTrue(k.err().contains("--K 0"), k.err());
    CliRun tau = run("estimators", "bench", "--tau", "-1", "--out", dir.toString());
    assertEquals(AvnasCommand.EXIT_INVALID, tau.exit());
    assertTrue(tau.err().contains("--tau"), tau.err());
  }

  @Test
  void aSampleCountOutOfTheEstimatorsOwnRangeFailsBeforeAnythingRuns() {
    // The range is grmc's (its factory's validate), not the runner's: both bench commands ask it.
    CliRun bench = run("estimators", "bench", "--estimators", "stgs,grmc", "--K", "10,100001", "--out", dir.toString());
    assertEquals(AvnasCommand.EXIT_INVALID, bench.exit());
    assertTrue(bench.err().contains("--K 100001") && bench.err().contains("grmc") && bench.err().contains("[1, 100000]"),
        bench.err());
    assertTrue(bench.out().isEmpty(), bench.out());
    CliRun search = run("bench", "search", "--estimators", "softmax,grmc", "--K", "0", "--steps", "100", "--batch", "2");
    assertEquals(AvnasCommand.EXIT_INVALID, search.exit());
    assertTrue(search.err().contains("--K 0") && search.err().contains("grmc") && search.err().contains("[1, 100000]"),
        search.err());
    assertTrue(!search.err().contains("bench search: softmax"), "nothing is measured first: " + search.err());
  }

  @Test
  void aPluginFromThePluginsFolderGetsARowBesideTheBuiltIns() throws IOException {
    Path example = TestJars.exampleJar();
    Assumptions.assumeTrue(example != null, "examples/estimator-example is not built (run the reactor: mvn -B verify)");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(example, plugins.resolve(example.getFileName()));
    CliRun r = run("estimators", "bench", "--plugins", plugins.toString(), "--estimators", "stgs,grmc,softmax-tau", "--json",
        "--tau", "1", "--K", "10", "--draws", "500", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exit(), r.err());
    JsonArray array = JsonParser.parseString(r.out().trim()).getAsJsonArray();
    List<String> ids = new ArrayList<>();
    array.forEach(e -> ids.add(e.getAsJsonObject().get("estimator").getAsString()));
    assertEquals(List.of("stgs", "grmc", "softmax-tau"), ids);
    JsonObject softmaxTau = array.get(2).getAsJsonObject();
    assertTrue(softmaxTau.get("K").isJsonNull(), "the example declares no sample count");
    // At tau = 1 softmax(theta / tau) is softmax itself: no noise and the exact gradient (float32 rounding only).
    assertEquals(0.0, softmaxTau.get("variance").getAsDouble(), 1e-12);
    assertEquals(0.0, softmaxTau.get("mse").getAsDouble(), 1e-10);
  }

  @Test
  void anUnknownEstimatorIdFailsNamingTheKnownOnes() {
    CliRun r = run("estimators", "bench", "--estimators", "stgs,nope", "--out", dir.toString());
    assertEquals(AvnasCommand.EXIT_INVALID, r.exit());
    assertTrue(r.err().contains("'nope'") && r.err().contains("reinmax") && r.err().contains("--plugins"), r.err());
  }

  @Test
  void reinmaxIsUnbiasedAtTauOneWhereStgsIsNot() {
    CliRun r = run("estimators", "bench", "--estimators", "stgs,grmc,reinmax", "--json", "--tau", "1", "--K", "100", "--draws",
        "4000", "--seed", "5", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonArray array = JsonParser.parseString(r.out().trim()).getAsJsonArray();
    assertEquals(3, array.size());
    JsonObject stgs = array.get(0).getAsJsonObject();
    JsonObject reinmax = array.get(2).getAsJsonObject();
    assertEquals("reinmax", reinmax.get("estimator").getAsString());
    // For a linear f at tau = 1, E[2 J(pi_1) c] = 3/2 J(pi_0) c, so ReinMax is exactly unbiased
    // (docs/estimators.md): MSE - variance estimates bias^2 + var / n; var / n is about 2e-5 here,
    // and 1e-4 is 5 times that. stgs's bias^2 at tau = 1 is 3.5e-3 (measured), far above.
    double reinmaxBias2 = reinmax.get("mse").getAsDouble() - reinmax.get("variance").getAsDouble() * 3999 / 4000;
    double stgsBias2 = stgs.get("mse").getAsDouble() - stgs.get("variance").getAsDouble() * 3999 / 4000;
    assertTrue(reinmaxBias2 < 1e-4, "reinmax bias^2 " + reinmaxBias2);
    assertTrue(stgsBias2 > 1e-3, "stgs bias^2 " + stgsBias2);
    // Its variance is about twice stgs's (0.069 vs 0.031 measured): 4000 draws put each within 10%.
    assertTrue(reinmax.get("variance").getAsDouble() > 1.5 * stgs.get("variance").getAsDouble(), r.out());
  }

  @Test
  void timingReportsEveryTableAndEstimator() {
    CliRun r = run("estimators", "bench", "--timing", "--json", "--estimators", "softmax,stgs,grmc", "--K", "1,10");
    assertEquals(0, r.exit(), r.err());
    JsonArray array = JsonParser.parseString(r.out().trim()).getAsJsonArray();
    // 3 tables x (softmax, stgs, grmc K=1, grmc K=10): only grmc declares a sample count.
    assertEquals(12, array.size());
    for (JsonElement e : array) {
      assertTrue(e.getAsJsonObject().get("cpu_micros").getAsDouble() > 0);
    }
  }
}
