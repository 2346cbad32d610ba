package io.avnas.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.files.RunProvenance;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.testing.FakeRunFolders;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path temp;

  static Path fullRun(Path dir) throws java.io.IOException {
    FakeRunFolders.write(dir, "grmc-t0.1-k100", new FakeRunFolders.Settings("grmc", 0.1, 100, 42));
    return dir;
  }

  @Test
  void reportNamesTheSelectedSearchEpoch() throws Exception {
    Path run = fullRun(temp.resolve("selected"));
    String html = Files.readString(ReportWriter.write(run));
    assertTrue(html.contains("does not say which search epoch it comes from"), "an old genotype.json: a note");

    JsonObject genotype = JsonParser.parseString(Files.readString(run.resolve("genotype.json"))).getAsJsonObject();
    genotype.add("selected", JsonParser.parseString("{\"rule\":\"best-dev\",\"epoch\":3,\"dev_acc\":0.78}"));
    Files.writeString(run.resolve("genotype.json"), genotype.toString());
    html = Files.readString(ReportWriter.write(run));
    // The fake run logs 4 search epochs.
    assertTrue(html.contains("Selected: the genotype of search epoch <b>3</b> of 4 (<code>avnas.search.select = best-dev"
        + "</code>: the epoch with the best dev accuracy, dev accuracy 78.00 %)"), html);
    assertTrue(html.contains("<h3>Entropy at the selected epoch</h3>"), html);
  }

  @Test
  void reportHoldsTablesPlotsAndGenotypeFromTheRunFiles() throws Exception {
    Path run = fullRun(temp.resolve("run"));
    JsonObject results = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
    String auc = String.format(Locale.ROOT, "%.2f", results.getAsJsonObject("test").get("auc").getAsDouble() * 100);

    Path report = ReportWriter.write(run);
    assertEquals(run.resolve("report.html"), report);
    String html = Files.readString(report);

    String acc = String.format(Locale.ROOT, "%.2f", results.getAsJsonObject("test").get("acc").getAsDouble() * 100);
    assertTrue(html.contains("<tr><th>AUC (%)</th><th>ACC (%)</th><th>EER (%)</th>"), "test-set header");
    assertTrue(html.contains("<tr><td>" + auc + "</td><td>" + acc + "</td>"), "AUC " + auc + " and ACC " + acc + " missing");
    for (String heading : List.of("Results", "ROC curve", "Architecture entropy", "Loss curves", "Genotype")) {
      assertTrue(html.contains("<h2>" + heading + "</h2>"), heading);
    }
    for (String op : List.of("attention", "linear_glu", "concat_fc", "sum")) {
      assertTrue(html.contains(op + "("), "op " + op + " not drawn");
    }
    assertTrue(html.contains("n1 = linear_glu(n0, y)"), "inner node inputs: index 2 is the first inner node");
    assertTrue(html.contains("<tr><th>extract</th><th>search</th><th>retrain</th><th>evaluate</th><th>total</th></tr>"));
    assertTrue(html.contains("<tr><td>3.25</td><td>10.1</td><td>7.5</td><td>0.75</td><td>21.6</td></tr>"), "seconds per stage");
    assertTrue(html.contains("<td>D</td><td>50</td><td>96.00</td>"), "per-category accuracy");
    assertTrue(html.contains("<tr><td>grmc</td><td>0.1</td><td>100</td><td>hard</td></tr>"), "estimator settings");
    assertTrue(html.contains("No cross-dataset evaluation in this run."), "an empty cross object is no table");
    // The SVG namespace is an identifier, not a fetched resource.
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http://"), "no external resources");
    assertFalse(html.contains("https://"), "no external resources");

    // Every embedded image is a decodable PNG identical to the file in plots/.
    Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int count = 0;
    while (images.find()) {
      byte[] png = Base64.getDecoder().decode(images.group(1));
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      assertEquals(Charts.WIDTH, image.getWidth());
      count++;
    }
    assertEquals(4, count, "roc, entropy, search loss and retrain loss");
    for (String plot : List.of("roc", "entropy", "search-loss", "retrain-loss")) {
      BufferedImage image = ImageIO.read(run.resolve("plots").resolve(plot + ".png").toFile());
      assertEquals(Charts.HEIGHT, image.getHeight(), plot);
    }
  }

  @Test
  void crossDatasetResultsGetTheirOwnTable() throws Exception {
    Path run = fullRun(temp.resolve("cross"));
    String results = Files.readString(run.resolve("results.json")).replace("\"cross\": {}",
        "\"cross\": {\"swan-df\": {\"auc\": 0.9162, \"acc\": 0.912, \"eer\": 0.101, \"n\": 300}}");
    Files.writeString(run.resolve("results.json"), results);
    String html = Files.readString(ReportWriter.write(run));
    assertTrue(html.contains("<h3>Cross-dataset</h3>"));
    assertTrue(html.contains("<tr><td>swan-df</td><td>91.62</td><td>91.20</td><td>10.10</td><td>300</td></tr>"), html);
  }

  @Test
  void backboneWeightsGetTheirOwnTable() throws Exception {
    Path run = fullRun(temp.resolve("weights"));
    String results = Files.readString(run.resolve("results.json")).replace("\"cross\": {}",
        "\"cross\": {}, \"weights\": [{\"modality\": \"visual\", \"source\": \"pretrained\", \"file\": \"/c/w/resnet18-visual.params\","
            + " \"key\": \"ab\", \"epoch\": 4, \"val_acc\": 0.925}, {\"modality\": \"audio\", \"source\": \"random\","
            + " \"file\": null, \"key\": null, \"epoch\": null, \"val_acc\": null}]");
    Files.writeString(run.resolve("results.json"), results);
    String html = Files.readString(ReportWriter.write(run));
    assertTrue(html.contains("<h3>Backbone weights</h3>"), html);
    assertTrue(html.contains("<tr><td>visual</td><td>pretrained</td><td>/c/w/resnet18-visual.params</td><td>4</td><td>92.50</td></tr>"), html);
    assertTrue(html.contains("<tr><td>audio</td><td>random</td><td>n/a</td><td>n/a</td><td>n/a</td></tr>"), html);
  }

  @Test
  void provenanceGetsItsOwnSectionWithDatasetFingerprintPluginsAndWeightsHashes() throws Exception {
    Path run = fullRun(temp.resolve("provenance"));
    String before = Files.readString(ReportWriter.write(run));
    assertFalse(before.contains("<h2>Provenance</h2>"), "no provenance.json, no section");
    assertTrue(before.contains("provenance.json is missing"), before);
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", "grmc");
    new RunProvenance("0.1.0", "abc123", "2026-12-04T00:00:00Z", 42, "0.36.0", "PyTorch", "2.7.1", "cpu()",
        Map.of("search", 1), estimator, "bimodal", "synthetic", "fp-<1>",
        List.of(new RunProvenance.Plugin("avnas.dataset", "dataset", "synthetic", "0.1.0", "io.avnas.datasets.av", null,
            null)), "OpenJDK 17", "Linux", "host", List.of("2026-12-04T01:00:00Z"),
        List.of(new RunProvenance.BackboneWeights(new RunResults.Weights("visual", "cache", "/c/v.params", "k", 9, 0.9),
            "cd34"), new RunProvenance.BackboneWeights(new RunResults.Weights("audio", "configured", "/a.params", null,
            null, null), "0123456789abcdef".repeat(4)))).write(run.resolve(RunProvenance.FILE));
    String html = Files.readString(ReportWriter.write(run));
    assertTrue(html.contains("<h2>Provenance</h2>"), html);
    assertTrue(html.contains("<td>0.1.0 (git abc123)</td>"), html);
    assertTrue(html.contains("<td>2026-12-04T00:00:00Z; resumed 2026-12-04T01:00:00Z</td>"), html);
    assertTrue(html.contains("<td>synthetic, fingerprint fp-&lt;1&gt;</td>"), "escaped: " + html);
    assertTrue(html.contains("<tr><td>avnas.dataset = synthetic</td><td>0.1.0</td><td>io.avnas.datasets.av</td>"
        + "<td>module path</td><td>n/a</td></tr>"), html);
    assertTrue(html.contains("<tr><td>visual</td><td>cache</td><td>/c/v.params</td><td>cd34</td></tr>"), html);
    assertTrue(html.contains("<td>/a.params</td><td>0123456789abcdef…</td>"), "a full hash shows its first 16 digits: " + html);
    assertTrue(html.contains("provenance.json</code> holds them in full"), html);
  }

  @Test
  void missingFilesDegradeToNotes() throws Exception {
    Path run = temp.resolve("empty");
    Files.createDirectories(run);
    Files.writeString(run.resolve("metrics.jsonl"),
        "{\"stage\":\"search\",\"epoch\":1,\"train_loss\":0.7,\"dev_loss\":0.71,\"entropy\":{\"alpha\":1.2,\"gamma\":1.5}}\n"
            + "{\"stage\":\"search\",\"epo");
    String html = Files.readString(ReportWriter.write(run));
    assertTrue(html.contains("results.json is missing"));
    assertTrue(html.contains("genotype.json is missing"));
    assertTrue(html.contains("metrics.jsonl line 2 is not a JSON object and was skipped"));
    assertTrue(html.contains("No ROC points"));
    assertTrue(html.contains("No retrain losses"));
    // The one search epoch still plots (entropy and search loss).
    assertTrue(Files.isRegularFile(run.resolve("plots/entropy.png")));
    assertTrue(Files.isRegularFile(run.resolve("plots/search-loss.png")));
    assertFalse(Files.exists(run.resolve("plots/roc.png")));
  }

  @Test
  void textFromTheFilesIsEscaped() throws Exception {
    Path run = fullRun(temp.resolve("escape"));
    String results = Files.readString(run.resolve("results.json"))
        .replace("\"grmc-t0.1-k100\"", "\"<script>alert(1)</script>\"");
    Files.writeString(run.resolve("results.json"), results);
    String genotype = Files.readString(run.resolve("genotype.json")).replace("\"sum\"", "\"<b>&sum\"");
    Files.writeString(run.resolve("genotype.json"), genotype);
    String html = Files.readString(ReportWriter.write(run));
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&lt;b&gt;&amp;sum("));
  }
}
