package io.avnas.runner.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunProvenance;
import io.avnas.runner.files.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes {@code report.html} and {@code plots/*.png} for a run folder from its files alone
 * ({@code results.json}, {@code metrics.jsonl}, {@code genotype.json}). The page is self-contained:
 * plots are embedded as base64 PNG and the genotype as inline SVG, so it opens from disk with no
 * network. Missing files (an unfinished run, no cross-dataset results) leave a note instead of
 * failing.
 */
public final class ReportWriter {
  /** The report's file name in the run folder. */
  public static final String REPORT = "report.html";
  /** The folder, inside the run folder, that holds the plots as PNG files. */
  public static final String PLOTS = "plots";

  private static final String STYLE = """
      body{font-family:sans-serif;max-width:1000px;margin:24px auto;padding:0 16px;color:#222}
      h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
      table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ccc;padding:4px 10px;text-align:left}
      th{background:#f3f3f3}td.num{text-align:right}.note{color:#8a5a00}img{max-width:100%;border:1px solid #eee}
      code{background:#f6f6f6;padding:1px 4px}td{overflow-wrap:break-word}
      """;

  private ReportWriter() {}

  /**
   * Writes {@code report.html} and {@code plots/} into {@code runDir} (atomically, replacing an
   * older report).
   *
   * @return the path of {@code report.html}
   */
  public static Path write(Path runDir) throws IOException {
    RunFiles files = RunFiles.read(runDir);
    StringBuilder body = new StringBuilder();
    String name = files.results().map(RunResults::name).filter(n -> !n.isEmpty())
        .orElse(String.valueOf(runDir.toAbsolutePath().normalize().getFileName()));
    body.append("<h1>avnas run report: ").append(Html.escape(name)).append("</h1>\n");
    body.append("<p>Run folder: <code>").append(Html.escape(runDir.toAbsolutePath().normalize().toString()))
        .append("</code></p>\n");
    if (!files.notes().isEmpty()) {
      body.append("<ul class=\"note\">\n");
      files.notes().forEach(n -> body.append("<li>").append(Html.escape(n)).append("</li>\n"));
      body.append("</ul>\n");
    }
    results(body, files);
    roc(body, files, runDir);
    entropy(body, files, runDir);
    losses(body, files, runDir);
    genotype(body, files);
    provenance(body, files);

    String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + Html.escape("avnas report: " + name) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
        + body + "<p><small>Written by avnas from the files of this run folder.</small></p>\n</body>\n</html>\n";
    Path report = runDir.resolve(REPORT);
    AtomicWrite.text(report, html);
    return report;
  }

  /**
   * Whether {@code runDir} holds a report of its current files: {@code report.html} no older than
   * {@code results.json}, and every {@code plots/*.png} it names. The report is written last, after
   * its plots, so a run killed while reporting fails this check and its resume writes the report.
   */
  public static boolean complete(Path runDir) {
    Path report = runDir.resolve(REPORT);
    Path results = runDir.resolve(RunResults.FILE);
    try {
      if (!Files.isRegularFile(report)
          || (Files.exists(results) && Files.getLastModifiedTime(report).compareTo(Files.getLastModifiedTime(results)) < 0)) {
        return false;
      }
      java.util.regex.Matcher plot = java.util.regex.Pattern.compile("<code>(" + PLOTS + "/[^<]+\\.png)</code>")
          .matcher(Files.readString(report));
      while (plot.find()) {
        if (!Files.isRegularFile(runDir.resolve(plot.group(1)))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void results(StringBuilder body, RunFiles files) {
    body.append("<h2>Results</h2>\n");
    if (files.results().isEmpty()) {
      body.append("<p class=\"note\">No results.json: the run has not finished evaluation.</p>\n");
      return;
    }
    RunResults results = files.results().get();
    RunResults.Metrics test = results.test();
    List<String> header = List.of("AUC (%)", "ACC (%)", "EER (%)", "test clips", "parameters", "seed");
    List<String> values = List.of(percent(test.auc()), percent(test.acc()), percent(test.eer()),
        Integer.toString(test.n()), plain(results.params()), Long.toString(results.seed()));
    body.append("<h3>Test set</h3>\n").append(Html.table(header, List.of(values)));
    // A stage the file does not time (an older run has no pretrain) is left out, not shown as null;
    // shown to 0.01 s, while results.json keeps the full value.
    RunResults.Seconds s = results.seconds();
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("pretrain", s.pretrain());
    stages.put("extract", s.extract());
    stages.put("search", s.search());
    stages.put("retrain", s.retrain());
    stages.put("evaluate", s.evaluate());
    stages.put("total", s.total());
    stages.values().removeIf(v -> !Double.isFinite(v));
    body.append("<h3>Seconds per stage</h3>\n").append(Html.table(List.copyOf(stages.keySet()),
        List.of(stages.values().stream().map(v -> Html.number(v, 2)).toList())));
    if (!results.estimator().entrySet().isEmpty()) {
      body.append("<h3>Estimator</h3>\n").append(row(results.estimator()));
    }
    if (!results.weights().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (RunResults.Weights w : results.weights()) {
        rows.add(List.of(text(w.modality()), text(w.source()), text(w.file()),
            w.epoch() == null ? "n/a" : w.epoch().toString(), w.valAcc() == null ? "n/a" : percent(w.valAcc())));
      }
      body.append("<h3>Backbone weights</h3>\n")
          .append("<p>random: seeded initialisation; configured: the file in the config; pretrained: trained by the "
              + "pretrain stage (avnas.pretrain.auto), by this run or, with the same inputs, by an earlier one whose "
              + "cached weights were reused (provenance.json says which).</p>\n")
          .append(Html.table(List.of("backbone", "source", "file", "pretrain epoch", "pretrain VAL ACC (%)"), rows));
    }
    if (!test.perCategory().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      test.perCategory().forEach((name, c) -> rows.add(List.of(name, Integer.toString(c.n()), percent(c.acc()))));
      body.append("<h3>Per category</h3>\n").append(Html.table(List.of("category", "clips", "ACC (%)"), rows));
    }
    if (!results.cross().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      results.cross().forEach((id, c) -> rows.add(List.of(id, percent(c.auc()), percent(c.acc()), percent(c.eer()),
          Integer.toString(c.n()))));
      body.append("<h3>Cross-dataset</h3>\n")
          .append(Html.table(List.of("tested on", "AUC (%)", "ACC (%)", "EER (%)", "clips"), rows));
    } else {
      body.append("<p>No cross-dataset evaluation in this run.</p>\n");
    }
  }

  private static void roc(StringBuilder body, RunFiles files, Path runDir) throws IOException {
    body.append("<h2>ROC curve</h2>\n");
    List<double[]> points = new ArrayList<>();
    files.results().ifPresent(r -> r.test().roc().forEach(p -> points.add(new double[] {p.fpr(), p.tpr()})));
    if (points.isEmpty()) {
      body.append("<p class=\"note\">No ROC points in results.json.</p>\n");
      return;
    }
    String auc = percent(files.results().get().auc());
    List<Charts.Series> series = List.of(
        new Charts.Series("test (AUC " + auc + " %)", points),
        new Charts.Series("chance", List.of(new double[] {0, 0}, new double[] {1, 1})));
    image(body, runDir, "roc", "ROC curve on the test set",
        Charts.lineChart("ROC (test)", "false positive rate", "true positive rate", series, true));
  }

  private static void entropy(StringBuilder body, RunFiles files, Path runDir) throws IOException {
    body.append("<h2>Architecture entropy</h2>\n");
    List<Charts.Series> series = new ArrayList<>();
    for (String table : List.of("alpha", "beta", "gamma")) {
      addSeries(series, files, "search", "entropy." + table, table);
    }
    if (series.isEmpty()) {
      body.append("<p class=\"note\">No search entropies in metrics.jsonl.</p>\n");
      return;
    }
    body.append("<p>Mean entropy of the architecture distributions per search epoch (paper Fig. 2):"
        + " lower means the search has settled on its choices. Leading epochs at the maximum are warm-up epochs"
        + " (<code>avnas.search.warmup-epochs</code>), in which only the network weights learn.</p>\n");
    image(body, runDir, "entropy", "Entropy of alpha, beta and gamma per search epoch",
        Charts.lineChart("Architecture entropy (search)", "epoch", "entropy (nats)", series, false));
  }

  private static void losses(StringBuilder body, RunFiles files, Path runDir) throws IOException {
    body.append("<h2>Loss curves</h2>\n");
    List<Charts.Series> search = new ArrayList<>();
    addSeries(search, files, "search", "train_loss", "search train");
    addSeries(search, files, "search", "dev_loss", "search dev");
    List<Charts.Series> retrain = new ArrayList<>();
    addSeries(retrain, files, "retrain", "train_loss", "retrain train");
    addSeries(retrain, files, "retrain", "val_loss", "retrain val");
    if (search.isEmpty()) {
      body.append("<p class=\"note\">No search losses in metrics.jsonl.</p>\n");
    } else {
      image(body, runDir, "search-loss", "Search loss per epoch (train and dev)",
          Charts.lineChart("Search loss", "epoch", "loss", search, false));
    }
    if (retrain.isEmpty()) {
      body.append("<p class=\"note\">No retrain losses in metrics.jsonl.</p>\n");
    } else {
      image(body, runDir, "retrain-loss", "Retrain loss per epoch (train and val)",
          Charts.lineChart("Retrain loss", "epoch", "loss", retrain, false));
    }
  }

  private static void genotype(StringBuilder body, RunFiles files) {
    body.append("<h2>Genotype</h2>\n");
    if (files.genotype().isEmpty()) {
      body.append(files.results().isPresent()
          ? "<p class=\"note\">No genotype.json, although the run finished (results.json exists): the file was"
              + " removed. <code>avnas run --resume</code> on this folder writes it again from the last search"
              + " checkpoint.</p>\n"
          : "<p class=\"note\">No genotype.json: the search has not finished.</p>\n");
      return;
    }
    JsonObject genotype = files.genotype().get();
    body.append(selected(genotype, files.stage("search").size()));
    body.append("<p>Inner node inputs: x and y are the cell's two inputs, n<i>k</i> an earlier inner node.</p>\n");
    body.append(GenotypeSvg.draw(genotype));
    Json.object(genotype, "entropy").ifPresent(entropy -> {
      List<List<String>> rows = new ArrayList<>();
      entropy.entrySet().forEach(e -> rows.add(List.of(e.getKey(), Html.text(e.getValue()))));
      body.append("<h3>Entropy at the selected epoch</h3>\n").append(Html.table(List.of("table", "entropy"), rows));
    });
  }

  /** Which search epoch the genotype comes from ({@code "selected"} in genotype.json, avnas.search.select). */
  private static String selected(JsonObject genotype, int searchEpochs) {
    if (Json.object(genotype, "selected").isEmpty()) {
      return "<p class=\"note\">genotype.json does not say which search epoch it comes from (written before"
          + " avnas.search.select existed): the last one.</p>\n";
    }
    String rule = Json.string(genotype, "selected.rule").orElse("?");
    String epoch = plain(genotype, "selected.epoch");
    String of = searchEpochs > 0 ? " of " + searchEpochs : "";
    String why = switch (rule) {
      case "best-dev" -> "the epoch with the best dev accuracy";
      case "last" -> "the last epoch";
      default -> "rule " + rule;
    };
    return "<p>Selected: the genotype of search epoch <b>" + Html.escape(epoch) + "</b>" + Html.escape(of)
        + " (<code>avnas.search.select = " + Html.escape(rule) + "</code>: " + Html.escape(why) + ", dev accuracy "
        + percent(genotype, "selected.dev_acc") + " %).</p>\n";
  }

  /** Adds one series of a stage's (epoch, value) points, if any line has the value. */
  private static void addSeries(List<Charts.Series> into, RunFiles files, String stage, String key, String name) {
    List<double[]> points = files.series(stage, key);
    if (!points.isEmpty()) {
      into.add(new Charts.Series(name, points));
    }
  }

  private static void image(StringBuilder body, Path runDir, String file, String alt, byte[] png) throws IOException {
    AtomicWrite.bytes(runDir.resolve(PLOTS).resolve(file + ".png"), png);
    body.append("<figure><img alt=\"").append(Html.escape(alt)).append("\" width=\"").append(Charts.WIDTH)
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>").append(Html.escape(alt)).append(" (also <code>")
        .append(Html.escape(PLOTS + "/" + file + ".png")).append("</code>)</figcaption></figure>\n");
  }

  /** What ran, on what, from which plugins and weights (provenance.json), for a reader reproducing the run. */
  private static void provenance(StringBuilder body, RunFiles files) {
    if (files.provenance().isEmpty()) {
      return;
    }
    RunProvenance p = files.provenance().get();
    body.append("<h2>Provenance</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("avnas", text(p.avnasVersion()) + (p.gitCommit() == null ? "" : " (git " + p.gitCommit() + ")")));
    String resumed = p.resumed().isEmpty() ? "" : "; resumed " + String.join(", ", p.resumed());
    rows.add(List.of("started", text(p.started()) + resumed));
    rows.add(List.of("seed", Long.toString(p.seed())));
    rows.add(List.of("engine",
        "DJL " + text(p.djlVersion()) + ", " + text(p.engine()) + " " + text(p.libtorchVersion())));
    rows.add(List.of("device", text(p.device())));
    rows.add(List.of("threads per stage", p.threads().toString()));
    rows.add(List.of("dataset", text(p.dataset()) + ", fingerprint " + text(p.datasetFingerprint())));
    rows.add(List.of("Java, OS, host", text(p.jvm()) + "; " + text(p.os()) + "; " + text(p.hostname())));
    body.append(Html.table(List.of("what", "value"), rows));
    List<List<String>> plugins = new ArrayList<>();
    for (RunProvenance.Plugin plugin : p.plugins()) {
      plugins.add(List.of(text(plugin.block()) + " = " + text(plugin.id()), text(plugin.version()),
          text(plugin.module()), plugin.jar() == null ? "module path" : plugin.jar(), shortHash(plugin.sha256())));
    }
    if (!plugins.isEmpty()) {
      body.append("<h3>Plugins</h3>\n")
          .append(Html.table(List.of("plugin", "version", "module", "loaded from", "jar SHA-256 (start)"), plugins));
    }
    List<List<String>> weights = new ArrayList<>();
    for (RunProvenance.BackboneWeights w : p.weights()) {
      weights.add(List.of(text(w.used().modality()), text(w.used().source()), text(w.used().file()),
          shortHash(w.sha256())));
    }
    if (!weights.isEmpty()) {
      body.append("<h3>Weights files</h3>\n")
          .append(Html.table(List.of("backbone", "source", "file", "SHA-256 (start)"), weights));
    }
    body.append("<p>Hashes show their first 16 hex digits; <code>provenance.json</code> holds them in full.</p>\n");
  }

  /** The first 16 hex digits of a SHA-256, as git shortens commits: enough to tell files apart at a glance. */
  private static String shortHash(String sha256) {
    return sha256 == null ? "n/a" : sha256.length() <= 16 ? sha256 : sha256.substring(0, 16) + "…";
  }

  /** An object's keys as the header row and its values as the one data row. */
  private static String row(JsonObject object) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      keys.add(e.getKey());
      values.add(Html.text(e.getValue()));
    }
    return Html.table(keys, List.of(values));
  }

  private static String percent(JsonObject root, String path) {
    OptionalDouble value = Json.number(root, path);
    return value.isPresent() ? percent(value.getAsDouble()) : "n/a";
  }

  private static String plain(JsonObject root, String path) {
    return Json.element(root, path).map(Html::text).orElse("n/a");
  }

  private static String percent(double fraction) {
    return Double.isFinite(fraction) ? Html.percent(fraction) : "n/a";
  }

  private static String plain(double value) {
    return Double.isFinite(value) ? Html.number(value, 6) : "n/a";
  }

  private static String text(String value) {
    return value == null ? "n/a" : value;
  }
}
