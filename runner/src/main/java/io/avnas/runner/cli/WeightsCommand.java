package io.avnas.runner.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.WeightsCheck;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.features.Plugins;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginRegistry;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import io.avnas.support.media.PreprocessSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code avnas weights}: backbone weights files. */
@Command(name = "weights", mixinStandardHelpOptions = true, description = "Backbone weights files.",
    subcommands = WeightsCommand.Check.class)
public final class WeightsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code avnas weights check FILE --backbone ID [--modality visual|audio]}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Compares a weights file with a backbone name by name, like PyTorch's strict load_state_dict:",
          "the tensors that load, the missing ones, the unexpected ones and any shape mismatches.",
          "FILE is an avnas weights file (avnas pretrain) or a .safetensors state dict with torchvision's ResNet names.",
          "Exit 0 when it loads strictly, 2 on any mismatch or an unreadable file. Nothing is downloaded."})
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file.")
    Path file;

    @Option(names = "--backbone", required = true, paramLabel = "ID", description = "The backbone id, e.g. resnet34 (see `avnas plugins`).")
    String backbone;

    @Option(names = "--modality", defaultValue = "visual", paramLabel = "visual|audio",
        description = "Which backbone reads the file (default ${DEFAULT-VALUE}); audio sums a 3-channel conv1.")
    String modality;

    @Option(names = "--width", defaultValue = "1.0", description = "The backbone's channel multiplier (default ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Modality m = switch (modality.trim().toLowerCase(Locale.ROOT)) {
        case "visual" -> Modality.VISUAL;
        case "audio" -> Modality.AUDIO;
        default -> throw new UserError("--modality " + modality + ": expected visual or audio");
      };
      if (!Files.isRegularFile(file)) {
        throw new UserError("weights file " + file.toAbsolutePath() + " does not exist");
      }
      PluginRegistry registry = Workspace.plugins(plugins.dir(), err);
      BackboneFactory factory = registry.get(BackboneFactory.class, PluginKind.BACKBONE, backbone, "--backbone");
      Config reference = new ConfigLoader(List.of(WeightsCommand.class.getClassLoader())).reference();
      String path = Plugins.path(m);
      // Random initial weights, then the comparison: the file itself is only read.
      ConfigBlock block = new ConfigBlock(path, ConfigFactory.parseMap(Map.of("id", backbone, "width", width, "weights", ""))
          .withFallback(reference.getConfig(path)));
      factory.validate(block);
      PreprocessSpec pre = PreprocessSpec.from(new ConfigBlock(Plugins.PREPROCESS, reference.getConfig(Plugins.PREPROCESS)));
      Shape input = m == Modality.VISUAL ? pre.visualShape() : pre.audioShape();
      EngineSetup.start(0);
      WeightsCheck check;
      try (NDManager manager = NDManager.newBaseManager(Device.cpu());
          Backbone b = factory.create(m, block, input, manager)) {
        check = b.check(file);
      } catch (IOException e) {
        throw new UserError(e.getMessage(), e);
      } catch (UnsupportedOperationException e) {
        throw new UserError("backbone " + backbone + " cannot check weights files (" + e.getMessage() + ")", e);
      }
      if (json) {
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(check, file, backbone, m)));
      } else {
        print(check, file, backbone, m, out);
      }
      out.flush();
      return check.ok() ? 0 : AvnasCommand.EXIT_INVALID;
    }
  }

  static void print(WeightsCheck c, Path file, String backbone, Modality m, PrintWriter out) {
    out.printf("%s against %s (%s)%n", file, backbone, m.name().toLowerCase(Locale.ROOT));
    section(out, "loaded", c.loaded());
    section(out, "missing", c.missing());
    section(out, "unexpected", c.unexpected());
    section(out, "shape mismatch", c.mismatched().stream().map(Object::toString).toList());
    section(out, "ignored", c.ignored());
    section(out, "adapted", c.adapted());
    out.println((c.ok() ? "ok: loads strictly; " : "MISMATCH: does not load; ") + c.summary());
  }

  private static void section(PrintWriter out, String title, List<String> items) {
    out.printf("%s: %d%n", title, items.size());
    items.forEach(i -> out.println("  " + i));
  }

  static JsonObject toJson(WeightsCheck c, Path file, String backbone, Modality m) {
    JsonObject o = new JsonObject();
    o.addProperty("file", file.toString());
    o.addProperty("backbone", backbone);
    o.addProperty("modality", m.name().toLowerCase(Locale.ROOT));
    o.addProperty("ok", c.ok());
    o.add("loaded", array(c.loaded()));
    o.add("missing", array(c.missing()));
    o.add("unexpected", array(c.unexpected()));
    o.add("mismatched", array(c.mismatched().stream().map(Object::toString).toList()));
    o.add("ignored", array(c.ignored()));
    o.add("adapted", array(c.adapted()));
    return o;
  }

  private static JsonArray array(List<String> items) {
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    return a;
  }
}
