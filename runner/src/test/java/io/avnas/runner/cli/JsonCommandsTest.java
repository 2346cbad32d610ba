package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.avnas.runner.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that offers {@code --json} prints one JSON document that parses (a module that does
 * not open a record's package to Gson fails here, as {@code bench search --json} once did). A new
 * command with {@code --json} must be added to {@link #invocations}: the test fails otherwise.
 */
class JsonCommandsTest {
  @TempDir Path dir;

  /** Small arguments for each command with --json: seconds each, no network, nothing outside dir. */
  private Map<String, List<String>> invocations() throws IOException {
    String plugins = Files.createDirectories(dir.resolve("no-plugins")).toString();
    List<String> tiny = List.of("--plugins", plugins, "-Davnas.features.cache-dir=" + dir.resolve("cache"),
        "-Davnas.run.dir=" + dir.resolve("runs"), "-Davnas.dataset.synthetic.clips=48",
        "-Davnas.dataset.synthetic.identities=8", "-Davnas.preprocess.frames=2", "-Davnas.preprocess.image-size=32",
        "-Davnas.preprocess.audio-seconds=0.5", "-Davnas.pretrain.auto=false", "-Davnas.search.epochs=1",
        "-Davnas.retrain.epochs=1", "-Davnas.searchspace.C=8", "-Davnas.search.batch-size=16", "-Davnas.retrain.batch-size=16");
    Path weights = WeightsCheckCommandTest.write(WeightsCheckCommandTest.torchvisionResNet(new int[] {2, 2, 2, 2}),
        dir.resolve("resnet18.safetensors"));
    Map<String, List<String>> runs = new LinkedHashMap<>();
    runs.put("avnas doctor", List.of("doctor", "-Davnas.features.cache-dir=" + dir.resolve("cache"), "-Davnas.run.dir=" + dir.resolve("runs")));
    runs.put("avnas extract", concat(List.of("extract"), tiny));
    runs.put("avnas weights check", List.of("weights", "check", weights.toString(), "--backbone", "resnet18"));
    runs.put("avnas estimators bench", List.of("estimators", "bench", "--estimators", "stgs,grmc", "--K", "1,10", "--draws", "200"));
    runs.put("avnas bench search", List.of("bench", "search", "--estimators", "softmax", "--steps", "100", "--batch", "2"));
    runs.put("avnas compare", concat(List.of("compare", "-Davnas.compare.estimators=[softmax]", "-Davnas.compare.seeds=[42]"), tiny));
    runs.put("avnas sweep", concat(List.of("sweep", "-Davnas.sweep.tau=[0.5]", "-Davnas.sweep.K=[10]", "-Davnas.sweep.seeds=[42]"), tiny));
    return runs;
  }

  @Test
  void everyJsonCommandPrintsJsonThatParses() throws IOException {
    List<String> offering = new ArrayList<>();
    collect(AvnasCommand.commandLine(), offering);
    Map<String, List<String>> runs = invocations();
    assertEquals(new TreeSet<>(offering), new TreeSet<>(runs.keySet()), "commands offering --json, against those this test runs");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<String>> run : runs.entrySet()) {
      List<String> args = new ArrayList<>(run.getValue());
      args.add("--json");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      if (r.exit() != 0) {
        failures.add(run.getKey() + ": exit " + r.exit() + ": " + tail(r.err()));
        continue;
      }
      try {
        JsonElement parsed = JsonParser.parseString(r.out());
        if (!(parsed.isJsonObject() || parsed.isJsonArray()) || parsed.toString().length() < 3) {
          failures.add(run.getKey() + ": not a JSON object or array with content: " + tail(r.out()));
        }
      } catch (JsonParseException e) {
        failures.add(run.getKey() + ": stdout is not JSON (" + e.getMessage() + "): " + tail(r.out()));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static void collect(CommandLine command, List<String> offering) {
    if (command.getCommandSpec().findOption("--json") != null) {
      offering.add(command.getCommandSpec().qualifiedName());
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      if (sub.getCommandName().equals(sub.getCommandSpec().name())) {
        collect(sub, offering);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String tail(String s) {
    return s.length() <= 600 ? s : "..." + s.substring(s.length() - 600);
  }
}
