package io.avnas.runner.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import io.avnas.api.estimator.Estimator;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.estimators.BenchRow;
import io.avnas.runner.estimators.CallTiming;
import io.avnas.runner.estimators.EstimatorSource;
import io.avnas.runner.estimators.GradientBenchmark;
import io.avnas.runner.estimators.VariancePlot;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avnas estimators bench}: total variance and MSE of each estimator's gradient (every
 * discovered one, or {@code --estimators}) against the exact gradient of {@code E[f(D)]} for a linear
 * {@code f(w) = sum_i w_i c_i}, over tau and, for an estimator that declares a sample count, K; or,
 * with {@code --timing}, the time per estimator call on the paper's tables.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measures the gradient of each estimator (default: every discovered one, plugins folder included) against "
            + "the exact gradient J_softmax(theta)^T c of E[f(D)] for f(w) = sum_i w_i c_i: the total variance (sum of "
            + "per-coordinate variances) and the MSE (mean squared norm of estimate - exact). An estimator that "
            + "declares a sample count (EstimatorFactory.sampleCountKey) is measured at every --K, which that estimator checks. Prints a table (or JSON with --json) and "
            + "writes a CSV and a PNG plot to --out.",
        "With --timing: the time per estimator call (forward + backward) on the paper's tables alpha 17x2, "
            + "beta 5x2 and gamma 2x5."})
public final class EstimatorsBenchCommand implements Runnable {
  static final List<Double> DEFAULT_THETA = List.of(1.0, 2.0, 3.0);
  static final List<Double> DEFAULT_COSTS = List.of(3.0, 1.0, 2.0);
  static final List<Double> DEFAULT_TAU = List.of(0.1, 0.5, 1.0);
  static final List<Integer> DEFAULT_K = List.of(1, 10, 100, 1000);
  static final List<Integer> DEFAULT_TIMING_K = List.of(1, 100, 1000);
  static final String CSV = "estimators-bench.csv";
  static final String PNG = "variance-vs-k.png";

  @Option(names = "--theta", split = ",", hideParamSyntax = true, paramLabel = "a,b,...", description = "Logits theta (default: 1,2,3).")
  List<Double> theta;

  @Option(names = "--costs", split = ",", hideParamSyntax = true, paramLabel = "c1,c2,...",
      description = "Costs c of f(w) = sum_i w_i c_i, one per logit (default: 3,1,2).")
  List<Double> costs;

  @Option(names = "--tau", split = ",", hideParamSyntax = true, paramLabel = "t1,t2,...", description = "Temperatures (default: 0.1,0.5,1.0).")
  List<Double> tau;

  @Option(names = "--K", split = ",", hideParamSyntax = true, paramLabel = "k1,k2,...",
      description = "Sample counts, for the estimators that declare one (default: 1,10,100,1000; with --timing: 1,100,1000).")
  List<Integer> k;

  @Option(names = "--estimators", split = ",", hideParamSyntax = true, paramLabel = "id1,id2,...",
      description = "Estimator ids to measure (default: every discovered estimator, plugins included).")
  List<String> estimators;

  @Mixin PluginOptions plugins;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "10000", description = "Gradient draws per setting (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print only a JSON array on stdout.")
  boolean json;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench/estimators",
      description = "Folder for the CSV and the PNG plot (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timing", description = "Time one estimator call (forward + backward) instead, on the paper's tables.")
  boolean timing;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Double> taus = check(tau == null ? DEFAULT_TAU : tau);
    List<Integer> ks = checkK(k == null ? (timing ? DEFAULT_TIMING_K : DEFAULT_K) : k);
    EstimatorSource source = new EstimatorSource(Workspace.discovered(plugins.dir(), err));
    List<String> ids = source.ids(estimators, "--estimators");
    source.checkSampleCounts(ids, ks, "--K");
    Engine engine = EngineSetup.start(seed);
    try (NDManager manager = NDManager.newBaseManager()) {
      if (timing) {
        timing(source, ids, taus.get(0), ks, manager, stdout, err);
      } else {
        variance(source, ids, taus, ks, manager, stdout, err, engine);
      }
    }
    stdout.flush();
  }

  private void variance(EstimatorSource source, List<String> ids, List<Double> taus, List<Integer> ks, NDManager manager,
      PrintWriter stdout, PrintWriter err, Engine engine) {
    double[] th = toArray(theta == null ? DEFAULT_THETA : theta, "--theta");
    double[] c = toArray(costs == null ? DEFAULT_COSTS : costs, "--costs");
    if (th.length != c.length) {
      throw new UserError("--costs has " + c.length + " values but --theta has " + th.length + "; give one cost per logit");
    }
    if (draws < 2) {
      throw new UserError("--draws " + draws + " is too small; give at least 2 (e.g. --draws 10000)");
    }
    GradientBenchmark bench = new GradientBenchmark(th, c);
    List<BenchRow> rows = new ArrayList<>();
    int total = taus.size() * settingsPerTau(source, ids, ks);
    long start = System.nanoTime();
    for (double t : taus) {
      for (String id : ids) {
        Optional<String> key = source.sampleCountKey(id);
        for (Integer kk : key.isPresent() ? ks : java.util.Collections.<Integer>singletonList(null)) {
          // Every setting sees the same noise stream, so differences are the estimators', not the seed's.
          engine.setRandomSeed((int) seed);
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("tau", t);
          key.ifPresent(name -> values.put(name, kk));
          rows.add(bench.measure(id, source.create(id, values), t, kk, draws, manager));
          progress(err, rows.size(), total, start);
        }
      }
    }
    writeFiles(rows, taus, ks);
    if (json) {
      List<Map<String, Object>> array = new ArrayList<>();
      for (BenchRow r : rows) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("estimator", r.estimator());
        o.put("tau", r.tau());
        o.put("K", r.k());
        o.put("variance", r.variance());
        o.put("mse", r.mse());
        array.add(o);
      }
      stdout.println(new GsonBuilder().serializeNulls().create().toJson(array));
      return;
    }
    stdout.printf(Locale.ROOT, "Gradient of E[f(D)], f(w) = sum w_i c_i, theta = %s, costs = %s, %d draws, seed %d%n",
        join(th), join(c), draws, seed);
    stdout.printf(Locale.ROOT, "exact gradient J_softmax(theta)^T c = %s%n%n", join(bench.exact()));
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"ESTIMATOR", "TAU", "K", "VARIANCE", "MSE", "BIAS^2"});
    for (BenchRow r : rows) {
      table.add(new String[] {r.estimator(), fmt(r.tau()), r.k() == null ? "-" : r.k().toString(), sci(r.variance()),
          sci(r.mse()), sci(r.bias2())});
    }
    Table.print(stdout, table);
    stdout.printf("%nwrote %s and %s%n", out.resolve(CSV), out.resolve(PNG));
  }

  private void timing(EstimatorSource source, List<String> ids, double t, List<Integer> ks, NDManager manager, PrintWriter stdout,
      PrintWriter err) {
    Map<String, Shape> tables = new LinkedHashMap<>();
    tables.put("alpha 17x2", new Shape(17, 2));
    tables.put("beta 5x2", new Shape(5, 2));
    tables.put("gamma 2x5", new Shape(2, 5));
    List<CallTiming.Timing> timings = new ArrayList<>();
    int total = tables.size() * settingsPerTau(source, ids, ks);
    long start = System.nanoTime();
    for (Map.Entry<String, Shape> table : tables.entrySet()) {
      for (String id : ids) {
        Optional<String> key = source.sampleCountKey(id);
        for (Integer kk : key.isPresent() ? ks : java.util.Collections.<Integer>singletonList(null)) {
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("tau", t);
          key.ifPresent(name -> values.put(name, kk));
          Estimator estimator = source.create(id, values);
          timings.add(CallTiming.time(table.getKey(), table.getValue(), id, estimator, kk, t, manager));
          progress(err, timings.size(), total, start);
        }
      }
    }
    if (json) {
      List<Map<String, Object>> array = new ArrayList<>();
      for (CallTiming.Timing x : timings) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("table", x.table());
        o.put("estimator", x.estimator());
        o.put("K", x.k());
        o.put("wall_micros", x.wallMicros());
        o.put("cpu_micros", x.cpuMicros());
        array.add(o);
      }
      stdout.println(new GsonBuilder().serializeNulls().create().toJson(array));
      return;
    }
    stdout.printf(Locale.ROOT, "Time per estimator call (relax + sum(w * c) + backward), tau = %s, %d libtorch threads;"
        + " medians over batches of 10 calls%n%n",
        fmt(t), Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"TABLE", "ESTIMATOR", "K", "WALL US/CALL", "CPU US/CALL", "CALLS"});
    for (CallTiming.Timing x : timings) {
      table.add(new String[] {x.table(), x.estimator(), x.k() == null ? "-" : x.k().toString(),
          String.format(Locale.ROOT, "%.0f", x.wallMicros()), String.format(Locale.ROOT, "%.0f", x.cpuMicros()),
          Integer.toString(x.calls())});
    }
    Table.print(stdout, table);
  }

  private void writeFiles(List<BenchRow> rows, List<Double> taus, List<Integer> ks) {
    try {
      Files.createDirectories(out);
      StringBuilder csv = new StringBuilder("estimator,tau,K,variance,mse,bias2\n");
      for (BenchRow r : rows) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s%n", r.estimator(), r.tau(), r.k() == null ? "" : r.k(),
            r.variance(), r.mse(), r.bias2()));
      }
      AtomicWrite.text(out.resolve(CSV), csv.toString());
      VariancePlot.write(rows, taus, ks, out.resolve(PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the benchmark files to " + out.toAbsolutePath(), e);
    }
  }

  /** One setting per estimator, or one per K for an estimator with a sample count. */
  private static int settingsPerTau(EstimatorSource source, List<String> ids, List<Integer> ks) {
    int n = 0;
    for (String id : ids) {
      n += source.sampleCountKey(id).isPresent() ? ks.size() : 1;
    }
    return n;
  }

  private static void progress(PrintWriter err, int done, int total, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    err.printf(Locale.ROOT, "estimators bench: %d/%d settings, %.2f settings/s, ETA %.0f s%n", done, total, rate,
        (total - done) / rate);
    err.flush();
  }

  private static List<Double> check(List<Double> taus) {
    for (double t : taus) {
      if (!(t > 0) || !Double.isFinite(t)) {
        throw new UserError("--tau " + t + " is not allowed; every temperature must be a number greater than 0");
      }
    }
    return taus;
  }

  /**
   * A sample count is at least 1 whichever estimator declares it; the upper end is each estimator's
   * own (its factory's {@code validate}, through {@link EstimatorSource#checkSampleCounts}).
   */
  private static List<Integer> checkK(List<Integer> ks) {
    for (int kk : ks) {
      if (kk < 1) {
        throw new UserError("--K " + kk + " is not allowed; every K must be an integer of at least 1");
      }
    }
    return ks;
  }

  private static double[] toArray(List<Double> values, String option) {
    if (values.size() < 2) {
      throw new UserError(option + " needs at least 2 values (one per candidate op), e.g. " + option + " 1,2,3");
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
      if (!Double.isFinite(out[i])) {
        throw new UserError(option + " value " + out[i] + " is not a finite number");
      }
    }
    return out;
  }

  private static String join(double[] values) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", values[i]));
    }
    return s.append(')').toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.4e", v);
  }
}
