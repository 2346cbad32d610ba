package io.avnas.runner.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avnas.runner.engine.Diagnosis;
import io.avnas.runner.engine.NvidiaSmi;
import io.avnas.runner.workspace.BuildInfo;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avnas doctor}: versions, libtorch, GPUs, the chosen device and free disk space, with advice. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Checks this machine for avnas: Java, DJL and libtorch versions, the libtorch path and flavor,",
        "whether CUDA is available, each GPU with its memory, the device avnas.device picks (with a forward and",
        "backward pass on it), and the feature cache and run folders with their free space. Exit 1 when the device",
        "does not resolve or the pass fails. GPU set-up: docs/gpu.md."})
public final class DoctorCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the findings as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workspace workspace = config.open(plugins, err);
    Path runs = Path.of(workspace.settings().runDir());
    Diagnosis d = Diagnosis.gather(workspace.settings().device(), workspace.plan().features().cacheDir(), runs);
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create()
          .toJson(toJson(d)));
    } else {
      print(d, out);
    }
    out.flush();
    return d.device().isPresent() && d.smoke().ok() ? 0 : 1;
  }

  static JsonObject toJson(Diagnosis d) {
    JsonObject root = new JsonObject();
    root.addProperty("avnas", BuildInfo.properties().getProperty("avnas.version", "unknown"));
    root.addProperty("java", d.java());
    root.addProperty("djl", d.djl());
    JsonObject lib = new JsonObject();
    lib.addProperty("version", d.libtorch().version());
    lib.addProperty("path", d.libtorch().path().map(Path::toString).orElse(null));
    lib.addProperty("flavor", d.libtorch().flavor());
    lib.addProperty("source", d.libtorch().source());
    root.add("libtorch", lib);
    root.addProperty("cuda_available", d.cuda());
    JsonArray gpus = new JsonArray();
    for (Diagnosis.Gpu g : d.gpus()) {
      JsonObject o = new JsonObject();
      o.addProperty("index", g.index());
      o.addProperty("memory_mib", g.memoryMib());
      o.addProperty("used_mib", g.usedMib());
      gpus.add(o);
    }
    root.add("gpus", gpus);
    JsonObject driver = new JsonObject();
    driver.addProperty("nvidia_smi", d.driverGpus().isPresent());
    JsonArray driverGpus = new JsonArray();
    for (NvidiaSmi.Gpu g : d.driverGpus().orElse(List.of())) {
      JsonObject o = new JsonObject();
      o.addProperty("index", g.index());
      o.addProperty("name", g.name());
      o.addProperty("memory_mib", g.memoryMib());
      driverGpus.add(o);
    }
    driver.add("gpus", driverGpus);
    root.add("driver", driver);
    JsonObject device = new JsonObject();
    device.addProperty("configured", d.deviceSpec());
    device.addProperty("chosen", d.device().orElse(null));
    device.addProperty("why", d.deviceWhy());
    root.add("device", device);
    JsonObject smoke = new JsonObject();
    smoke.addProperty("ok", d.smoke().ok());
    smoke.addProperty("max_gradient_error", d.smoke().maxError());
    smoke.addProperty("detail", d.smoke().detail());
    root.add("forward_backward", smoke);
    JsonObject folders = new JsonObject();
    for (Diagnosis.Folder f : d.folders()) {
      JsonObject o = new JsonObject();
      o.addProperty("path", f.path().toString());
      o.addProperty("free_bytes", f.freeBytes());
      folders.add(f.role(), o);
    }
    root.add("folders", folders);
    JsonArray advice = new JsonArray();
    d.advice().forEach(advice::add);
    root.add("advice", advice);
    return root;
  }

  static void print(Diagnosis d, PrintWriter out) {
    out.printf("avnas     %s%n", BuildInfo.properties().getProperty("avnas.version", "unknown"));
    out.printf("Java      %s%n", d.java());
    out.printf("DJL       %s%n", d.djl());
    out.printf("libtorch  %s %s (%s) at %s%n", d.libtorch().version(), d.libtorch().flavor(), d.libtorch().source(),
        d.libtorch().path().map(Path::toString).orElse("(unknown folder)"));
    out.printf("CUDA      %s%n", d.cuda() ? "available, " + d.gpus().size() + " GPU(s)" : "not available to the engine");
    for (Diagnosis.Gpu g : d.gpus()) {
      String name = d.driverGpus().orElse(List.of()).stream().filter(s -> s.index() == g.index()).map(NvidiaSmi.Gpu::name)
          .findFirst().orElse("GPU");
      out.printf("  gpu:%d   %s, %s%n", g.index(), name, g.memoryMib() < 0 ? "memory unknown"
          : String.format(Locale.ROOT, "%.1f GiB, %.1f GiB in use", g.memoryMib() / 1024.0, g.usedMib() / 1024.0));
    }
    out.printf("driver    %s%n", d.driverGpus().map(list -> "nvidia-smi lists " + list.size() + " GPU(s)"
        + (list.isEmpty() ? "" : ": " + String.join(", ", list.stream().map(g -> g.index() + " " + g.name() + " "
            + String.format(Locale.ROOT, "%.1f GiB", g.memoryMib() / 1024.0)).toList()))).orElse("no nvidia-smi on PATH"));
    out.printf("device    %s%n", d.device().map(dev -> dev + "  (" + d.deviceWhy() + ")").orElse("does not resolve"));
    out.printf("check     %s%n", d.smoke().ok() ? "forward and backward pass ok (gradient error "
        + String.format(Locale.ROOT, "%.1e", d.smoke().maxError()) + ")" : "FAILED: " + d.smoke().detail());
    for (Diagnosis.Folder f : d.folders()) {
      out.printf("%-9s %s, %s free%n", f.role().equals("runs") ? "runs" : "features", f.path(),
          f.freeBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.1f GiB", f.freeBytes() / (1024.0 * 1024 * 1024)));
    }
    if (d.advice().isEmpty()) {
      out.println("advice    none: ready");
    }
    for (String a : d.advice()) {
      out.println("advice    " + a);
    }
  }
}
