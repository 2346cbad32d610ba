package io.avnas.runner.cli;

import io.avnas.api.backbone.Modality;
import io.avnas.runner.features.Pretrainer;
import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avnas pretrain}: trains each backbone on its own modality and writes weights files. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = {"Trains the visual and audio backbones on their own real/fake labels (TRAIN; best epoch on VAL)",
        "and writes weights files that avnas.backbone.{visual,audio}.weights can point to."})
public final class PretrainCommand implements Runnable {
  @Mixin ConfigOptions config;
  @Mixin PluginOptions plugins;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Workspace workspace = config.open(plugins, spec.commandLine().getErr());
    Map<Modality, Pretrainer.Written> written = Pretrainer.run(workspace, spec.commandLine().getErr());
    for (Map.Entry<Modality, Pretrainer.Written> e : written.entrySet()) {
      String modality = e.getKey().name().toLowerCase(Locale.ROOT);
      Pretrainer.Written w = e.getValue();
      out.printf(Locale.ROOT, "avnas.backbone.%s.weights = \"%s\"   # epoch %d, val acc %.3f%n", modality, w.file(), w.epoch(), w.valAccuracy());
    }
    out.flush();
  }
}
