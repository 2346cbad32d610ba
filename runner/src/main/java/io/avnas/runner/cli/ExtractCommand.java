package io.avnas.runner.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.runner.features.FeatureExtraction;
import io.avnas.runner.features.FeatureExtractor;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.workspace.Shard;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avnas extract}: fills the feature cache (or confirms it is filled) for a config. */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = {"Runs the frozen backbones over every split once and caches the pooled features.",
        "A second call with the same dataset, backbones, weights and preprocessing is a cache hit."})
public final class ExtractCommand implements Runnable {
  @Mixin ConfigOptions config;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON summary on stdout (progress stays on stderr).")
  boolean json;

  @Option(names = "--shard", paramLabel = "i/n", description = {"Compute only shard i of n (0-based: every n-th clip of each split,",
      "from clip i) and cache it as that shard's part; run the n shards on n GPUs or nodes against one cache folder.",
      "A later unsharded extract or run assembles the splits from the parts without recomputing them."})
  String shard;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // A malformed --shard stops the command before any plugin or config is loaded.
    Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
    Workspace workspace = config.open(plugins, err);
    FeatureExtractor.Result result = FeatureExtraction.run(workspace, err, part);
    if (json) {
      out.println(new Gson().toJson(summary(result)));
    } else {
      for (Map.Entry<Split, FeatureSet> e : result.features().entrySet()) {
        out.printf(Locale.ROOT, "%-5s %6d clips  %s%n", e.getKey(), e.getValue().size(), categories(e.getValue()));
      }
      out.printf(Locale.ROOT, "skipped %d, cache %s, %.1f s%n", result.skippedCount(), result.cacheHit() ? "hit" : "miss",
          result.seconds());
    }
    out.flush();
  }

  /** The {@code --json} summary: clips per category over all splits, skipped, cache, seconds. */
  static JsonObject summary(FeatureExtractor.Result result) {
    Map<String, Integer> clips = new TreeMap<>();
    for (FeatureSet set : result.features().values()) {
      for (ClipInfo c : set.clips()) {
        clips.merge(c.category(), 1, Integer::sum);
      }
    }
    JsonObject json = new JsonObject();
    JsonObject byCategory = new JsonObject();
    clips.forEach(byCategory::addProperty);
    json.add("clips", byCategory);
    json.addProperty("skipped", result.skippedCount());
    json.addProperty("cache", result.cacheHit() ? "hit" : "miss");
    json.addProperty("seconds", Math.round(result.seconds() * 1000) / 1000.0);
    return json;
  }

  private static String categories(FeatureSet set) {
    Map<String, Integer> counts = new TreeMap<>();
    set.clips().forEach(c -> counts.merge(c.category(), 1, Integer::sum));
    return counts.toString();
  }
}
