package io.avnas.runner.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.files.RunProvenance;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.plugins.PluginOrigin;
import io.avnas.runner.workspace.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Collects and updates a run's {@code provenance.json} ({@link RunProvenance}). */
final class Provenance {
  private Provenance() {}

  /**
   * Writes provenance.json for a new run; a resume keeps the first run's and adds the time of this
   * one to {@code resumed}.
   */
  static void write(RunFolder folder, Setup setup, Engine engine, Device device, long seed, boolean resume)
      throws IOException {
    Path file = folder.file(RunFolder.PROVENANCE);
    RunProvenance p = resume && folder.has(RunFolder.PROVENANCE)
        ? RunProvenance.read(file).resumedAt(Instant.now().toString())
        : collect(setup, engine, device, seed);
    p.write(file);
  }

  /** Names the backbone weights the run used and their SHA-256 (a resume finds the same ones by their key). */
  static void recordWeights(RunFolder folder, List<RunResults.Weights> weights) throws IOException {
    if (weights.isEmpty() || !folder.has(RunFolder.PROVENANCE)) {
      return;
    }
    Path file = folder.file(RunFolder.PROVENANCE);
    List<RunProvenance.BackboneWeights> used = new ArrayList<>();
    for (RunResults.Weights w : weights) {
      String sha256 = w.file() == null ? null : PluginOrigin.sha256(Path.of(w.file()));
      used.add(new RunProvenance.BackboneWeights(w, sha256));
    }
    RunProvenance.read(file).withWeights(used).write(file);
  }

  static RunProvenance collect(Setup setup, Engine engine, Device device, long seed) throws IOException {
    Properties build = BuildInfo.properties();
    Map<String, Integer> threads = new LinkedHashMap<>();
    for (StageThreads.Stage stage : StageThreads.Stage.values()) {
      threads.put(stage.name().toLowerCase(Locale.ROOT), StageThreads.of(setup.config(), stage));
    }
    EstimatorSettings e = setup.estimator().settings();
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", e.id());
    estimator.addProperty("tau", e.tau());
    estimator.addProperty("forward", e.forward().name().toLowerCase(Locale.ROOT));
    // Sorted: Map.copyOf's iteration order changes from one JVM to the next, the file should not.
    new TreeMap<>(e.options()).forEach((key, value) -> estimator.add(key, new Gson().toJsonTree(value)));
    List<RunProvenance.Plugin> plugins = setup.plugins().stream().map(o -> new RunProvenance.Plugin(o.block(),
        o.kind(), o.id(), o.version(), o.module(), o.path(), o.sha256())).toList();
    return new RunProvenance(build.getProperty("avnas.version", "unknown"), gitCommit(), Instant.now().toString(),
        seed, Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), device.toString(), threads,
        estimator, setup.config().getString("avnas.searchspace.id"), setup.config().getString("avnas.dataset.id"),
        setup.dataset().fingerprint(), plugins,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        hostname(), List.of(), List.of());
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
