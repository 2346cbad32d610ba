package io.avnas.runner.testing;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.experiments.PlannedRun;
import io.avnas.runner.experiments.RunLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for the experiment pipeline: writes a plausible run folder (config.conf,
 * metrics.jsonl, genotype.json, results.json) in the contract formats of TEAM.md, with numbers that
 * depend on the estimator, tau, K and seed so tables can be checked against the files.
 */
public final class FakeRunFolders {
  private FakeRunFolders() {}

  /** The settings a fake run was launched with. */
  public record Settings(String estimator, double tau, Integer k, int seed) {}

  /** A deterministic, plausible AUC for these settings (a fraction in [0,1]). */
  public static double auc(Settings s) {
    double k = s.k() == null ? 1 : s.k();
    return 0.9 + 0.01 * Math.log10(k) - 0.02 * s.tau() + 0.0013 * (s.seed() % 7) + 0.001 * s.estimator().length();
  }

  /** A deterministic, plausible parameter count for these settings. */
  public static long params(Settings s) {
    return 150_000 + 1_000L * s.estimator().length() + Math.round(10_000 * s.tau()) + 37L * s.seed()
        + (s.k() == null ? 0 : 100_000 / s.k());
  }

  /** Writes a complete run folder and returns its results.json. */
  public static Path write(Path runDir, String name, Settings s) throws IOException {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("config.conf"), String.format(Locale.ROOT,
        "avnas { seed = %d, run.name = \"%s\", estimator { id = %s, tau = %s } }%n", s.seed(), name, s.estimator(), s.tau()));
    StringBuilder metrics = new StringBuilder();
    for (int epoch = 1; epoch <= 4; epoch++) {
      metrics.append(String.format(Locale.ROOT,
          "{\"stage\":\"search\",\"epoch\":%d,\"train_loss\":%.4f,\"train_acc\":%.4f,\"dev_loss\":%.4f,\"dev_acc\":%.4f,"
              + "\"entropy\":{\"alpha\":%.4f,\"beta\":%.4f,\"gamma\":%.4f},\"tau\":%s,\"seconds\":1.5}%n",
          epoch, 0.7 / epoch, 0.5 + 0.1 * epoch, 0.72 / epoch, 0.48 + 0.1 * epoch,
          1.6 - 0.3 * epoch, 1.0 - 0.2 * epoch, 1.5 - 0.25 * epoch, s.tau()));
    }
    for (int epoch = 1; epoch <= 3; epoch++) {
      metrics.append(String.format(Locale.ROOT,
          "{\"stage\":\"retrain\",\"epoch\":%d,\"train_loss\":%.4f,\"train_acc\":%.4f,\"val_loss\":%.4f,\"val_acc\":%.4f,"
              + "\"val_auc\":%.4f,\"seconds\":2.0}%n",
          epoch, 0.5 / epoch, 0.7 + 0.05 * epoch, 0.55 / epoch, 0.68 + 0.05 * epoch, 0.8 + 0.04 * epoch));
    }
    Files.writeString(runDir.resolve("metrics.jsonl"), metrics);
    Files.writeString(runDir.resolve("genotype.json"), genotype(s));
    JsonObject results = results(name, s);
    Path file = runDir.resolve("results.json");
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(results));
    return file;
  }

  static String genotype(Settings s) {
    return String.format(Locale.ROOT, """
        {"format":1,"searchspace":"bimodal",
         "features":["visual.layer2","visual.layer3","visual.layer4","visual.pooled","audio.layer2","audio.layer3","audio.layer4","audio.pooled"],
         "config":{"C":16,"L":4,"steps":2,"multiplier":2,"node_steps":2,"node_multiplier":2},
         "cells":[{"inputs":["visual.layer4","audio.layer3"],"nodes":[{"inputs":[0,1],"op":"attention"},{"inputs":[2,1],"op":"linear_glu"}]},
                  {"inputs":["visual.pooled","audio.layer4"],"nodes":[{"inputs":[0,1],"op":"concat_fc"},{"inputs":[0,2],"op":"sum"}]}],
         "probabilities":{"alpha":[[0.6,0.4]],"beta":[[[0.5,0.5]]],"gamma":[[[0.1,0.1,0.5,0.2,0.1]]]},
         "entropy":{"alpha":0.673,"beta":0.693,"gamma":1.359},
         "estimator":{"id":"%s","tau":%s,"K":%s},"seed":%d}
        """, s.estimator(), s.tau(), s.k(), s.seed());
  }

  static JsonObject results(String name, Settings s) {
    double auc = auc(s);
    JsonObject test = new JsonObject();
    test.addProperty("auc", auc);
    test.addProperty("acc", auc - 0.012);
    test.addProperty("eer", 1 - auc - 0.004);
    test.addProperty("n", 200);
    JsonArray roc = new JsonArray();
    for (double fpr : new double[] {0, 0.05, 0.1, 0.2, 0.4, 0.7, 1}) {
      JsonArray point = new JsonArray();
      point.add(fpr);
      point.add(Math.min(1, Math.pow(fpr, 0.15)));
      roc.add(point);
    }
    test.add("roc", roc);
    JsonObject perCategory = new JsonObject();
    String[] categories = {"A", "B", "C", "D"};
    for (int i = 0; i < categories.length; i++) {
      JsonObject c = new JsonObject();
      c.addProperty("n", 50);
      c.addProperty("acc", 0.9 + 0.02 * i);
      perCategory.add(categories[i], c);
    }
    test.add("per_category", perCategory);
    JsonObject root = new JsonObject();
    root.addProperty("format", 1);
    root.addProperty("name", name);
    root.add("test", test);
    root.add("cross", new JsonObject());
    root.addProperty("params", params(s));
    JsonObject seconds = JsonParser.parseString(
        "{\"extract\":3.25,\"search\":" + (10 + s.tau()) + ",\"retrain\":7.5,\"evaluate\":0.75,\"total\":" + (21.5 + s.tau()) + "}")
        .getAsJsonObject();
    root.add("seconds", seconds);
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", s.estimator());
    estimator.addProperty("tau", s.tau());
    if (s.k() == null) {
      estimator.add("K", com.google.gson.JsonNull.INSTANCE);
    } else {
      estimator.addProperty("K", s.k());
    }
    estimator.addProperty("forward", "hard");
    root.add("estimator", estimator);
    root.addProperty("seed", s.seed());
    return root;
  }

  /**
   * A launcher that writes fake run folders from a planned run's overrides, counting launches per
   * run folder and recording whether each was a resume.
   */
  public static final class Launcher implements RunLauncher {
    private final double defaultTau;
    private final int defaultSeed;
    public final Map<Path, AtomicInteger> launches = new ConcurrentHashMap<>();
    public final Map<Path, Boolean> resumed = new ConcurrentHashMap<>();

    public Launcher(double defaultTau, int defaultSeed) {
      this.defaultTau = defaultTau;
      this.defaultSeed = defaultSeed;
    }

    @Override
    public Path launch(PlannedRun run, boolean resume, PrintWriter progress) throws IOException {
      launches.computeIfAbsent(run.runDir(), p -> new AtomicInteger()).incrementAndGet();
      resumed.put(run.runDir(), resume);
      Map<String, String> o = run.overrides();
      String name = unquote(o.get("avnas.run.name"));
      // The run folder the overrides name must be the planned one: the pipeline only sees the config.
      Path fromConfig = Path.of(unquote(o.get("avnas.run.dir"))).resolve(name);
      if (!fromConfig.equals(run.runDir())) {
        throw new IllegalStateException("overrides name " + fromConfig + " but the run folder is " + run.runDir());
      }
      Settings s = new Settings(unquote(o.get("avnas.estimator.id")),
          o.containsKey("avnas.estimator.tau") ? Double.parseDouble(o.get("avnas.estimator.tau")) : defaultTau,
          o.containsKey("avnas.estimator.K") ? Integer.valueOf(o.get("avnas.estimator.K")) : null,
          o.containsKey("avnas.seed") ? Integer.parseInt(o.get("avnas.seed")) : defaultSeed);
      return write(run.runDir(), name, s);
    }

    public int total() {
      return launches.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static String unquote(String value) {
      return JsonParser.parseString(value).getAsString();
    }
  }

  /** The runs listed under {@code folder} that hold a results.json. */
  public static List<Path> finished(Path folder) throws IOException {
    try (var stream = Files.list(folder)) {
      return stream.filter(p -> Files.isRegularFile(p.resolve("results.json"))).sorted().toList();
    }
  }
}
