package io.avnas.runner.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.runner.engine.DeviceResolver;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.estimators.EstimatorSource;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.search.SearchBenchmark;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avnas bench search}: search-iteration throughput, live NDArrays and ops per step, per estimator. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search-iteration throughput at paper scale (ResNet-34 taps, C = 128, L = 8, steps 2, node-steps 2)",
        "for every estimator (one that declares a sample count runs with --K samples, which it checks), the live",
        "NDArray count after 100 and after --steps iterations, and the NDArrays created per weight and per",
        "architecture step. Figures: docs/performance.md, ## Search."})
public final class BenchSearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin PluginOptions plugins;

  @Option(names = "--steps", defaultValue = "1000", description = "Total iterations per estimator (>= 100; default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--estimators", split = ",", description = "Estimator ids (default: every discovered estimator, plugins included).")
  List<String> estimators;

  @Option(names = "--K", defaultValue = "100",
      description = "Sample count for the estimators that declare one, e.g. grmc's K (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--device", defaultValue = "auto", description = "auto | cpu | gpu | gpu:N (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--json", description = "Print the figures as JSON on stdout.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N",
      description = "libtorch intra-op threads (default: avnas.threads.search, 1; AVNAS_THREADS overrides it).")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (steps < 100 || batch < 1) {
      throw new UserError("--steps must be >= 100 and --batch >= 1, but were " + steps + " and " + batch);
    }
    Workspace.Discovered discovered = Workspace.discovered(plugins.dir(), err);
    PluginRegistry registry = discovered.registry();
    Config reference = discovered.reference();
    Engine engine = EngineSetup.start(1);
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be >= 1, but was " + threads);
    }
    int used = threads != null ? threads : StageThreads.of(reference, StageThreads.Stage.SEARCH);
    StageThreads.set(used);
    err.println("avnas: bench search with " + used + " libtorch thread(s)");
    Device dev = DeviceResolver.resolve(device, engine, err);
    SearchSpaceFactory space = registry.get(SearchSpaceFactory.class, PluginKind.SEARCH_SPACE, "bimodal", "avnas.searchspace.id");
    ConfigBlock spaceBlock = new ConfigBlock("avnas.searchspace", ConfigFactory.parseMap(Map.of("C", 128, "L", 8, "steps", 2,
        "multiplier", 2, "node-steps", 2, "node-multiplier", 2)).withFallback(reference.getConfig("avnas.searchspace")));
    EstimatorSource source = new EstimatorSource(discovered);
    List<String> ids = source.ids(estimators, "--estimators");
    source.checkSampleCounts(ids, List.of(samples), "--K");
    List<SearchBenchmark.Result> results = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> overrides = new LinkedHashMap<>();
      source.sampleCountKey(id).ifPresent(key -> overrides.put(key, samples));
      err.println("bench search: " + id + " (" + steps + " iterations, batch " + batch + ", " + dev + ")");
      err.flush();
      results.add(SearchBenchmark.measure(source.create(id, overrides), space, spaceBlock,
          reference.getConfig("avnas.search"), batch, steps, dev));
    }
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(results));
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"estimator", "samples/s", "ms/iter", "ms/iter (last 100)", "live@100", "live@" + steps, "ops/weight step",
          "ops/arch step"});
      for (SearchBenchmark.Result r : results) {
        rows.add(new String[] {r.estimator(), String.format(Locale.ROOT, "%.0f", r.samplesPerSecond()),
            String.format(Locale.ROOT, "%.1f", r.msPerIteration()),
            String.format(Locale.ROOT, "%.1f", r.msPerIterationLast100()), String.valueOf(r.liveAfter100()),
            String.valueOf(r.liveAfterN()), String.valueOf(r.opsWeightStep()), String.valueOf(r.opsArchStep())});
      }
      Table.print(out, rows);
      out.println("command: avnas bench search --steps " + steps + " --batch " + batch + " --device " + device + " --K " + samples
          + (estimators == null ? "" : " --estimators " + String.join(",", estimators)));
    }
    out.flush();
    boolean flat = results.stream().allMatch(r -> r.liveAfter100() == r.liveAfterN());
    return flat ? 0 : 1;
  }
}
