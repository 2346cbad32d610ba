package io.avnas.runner.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.features.PretrainedWeights;
import io.avnas.runner.files.Json;
import io.avnas.runner.workspace.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What {@code provenance.json} records: versions, seed, device, estimator mode, JVM, OS and host. */
final class Provenance {
  private Provenance() {}

  /**
   * Writes provenance.json for a new run; a resume keeps the first run's and adds the time of this
   * one to {@code resumed}.
   */
  static void write(RunFolder folder, Setup setup, Engine engine, Device device, long seed, boolean resume)
      throws IOException {
    JsonObject p;
    if (resume && folder.has(RunFolder.PROVENANCE)) {
      p = Json.parse(folder.read(RunFolder.PROVENANCE));
      if (!p.has("resumed")) {
        p.add("resumed", new JsonArray());
      }
      p.getAsJsonArray("resumed").add(Instant.now().toString());
    } else {
      p = collect(setup, engine, device, seed);
    }
    folder.writeText(folder.file(RunFolder.PROVENANCE), Json.PRETTY.toJson(p) + "\n");
  }

  /** Names the backbone weights the run used (a resume finds the same ones by their key). */
  static void recordWeights(RunFolder folder, List<PretrainedWeights.Used> weights) throws IOException {
    if (weights.isEmpty() || !folder.has(RunFolder.PROVENANCE)) {
      return;
    }
    JsonObject p = Json.parse(folder.read(RunFolder.PROVENANCE));
    JsonArray array = new JsonArray();
    weights.forEach(w -> array.add(w.weights().json()));
    p.add("weights", array);
    folder.writeText(folder.file(RunFolder.PROVENANCE), Json.PRETTY.toJson(p) + "\n");
  }

  static JsonObject collect(Setup setup, Engine engine, Device device, long seed) {
    Properties build = BuildInfo.properties();
    JsonObject p = new JsonObject();
    p.addProperty("format", 1);
    p.addProperty("avnas_version", build.getProperty("avnas.version", "unknown"));
    p.addProperty("git_commit", gitCommit());
    p.addProperty("started", Instant.now().toString());
    JsonObject seeds = new JsonObject();
    seeds.addProperty("seed", seed);
    seeds.addProperty("rule", "torch and Java RNG reseeded at every epoch start from (seed, stage, epoch)");
    p.add("seeds", seeds);
    p.addProperty("djl_version", Engine.getDjlVersion());
    p.addProperty("engine", engine.getEngineName());
    p.addProperty("libtorch_version", engine.getVersion());
    p.addProperty("device", device.toString());
    JsonObject threads = new JsonObject();
    for (StageThreads.Stage stage : StageThreads.Stage.values()) {
      threads.addProperty(stage.name().toLowerCase(Locale.ROOT), StageThreads.of(setup.config(), stage));
    }
    p.add("threads", threads);
    EstimatorSettings e = setup.estimator().settings();
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", e.id());
    estimator.addProperty("tau", e.tau());
    estimator.addProperty("K", e.k());
    estimator.addProperty("forward", e.forward().name().toLowerCase(Locale.ROOT));
    e.options().forEach(estimator::addProperty);
    p.add("estimator", estimator);
    p.addProperty("searchspace", setup.config().getString("avnas.searchspace.id"));
    p.addProperty("dataset", setup.config().getString("avnas.dataset.id"));
    p.add("plugins", PluginProvenance.json(setup.plugins()));
    p.addProperty("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    p.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    p.addProperty("hostname", hostname());
    return p;
  }

  /** The working directory's git commit, or null outside a git checkout. */
  private static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** From the environment or /etc/hostname: no name-service lookup. */
  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return Files.readString(Path.of("/etc/hostname")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
