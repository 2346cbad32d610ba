package io.avnas.runner.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.runner.plugins.PluginOrigin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avnas compare} runs reinmax when {@code avnas.compare.estimators} lists it, each run with
 * its own estimator's defaults (reinmax at its tau = 1.0, stgs at platform-api's 0.1).
 */
class CompareReinmaxTest {
  @TempDir Path temp;

  @Test
  void eachPlannedRunComposesItsEstimatorWithThatEstimatorsDefaults() throws Exception {
    CompareSettings settings = CompareSettings.from(ConfigFactory.parseString("avnas { run { dir = \""
        + temp.toString().replace("\\", "/") + "\", name = t }, compare { estimators = [stgs, reinmax], seeds = [42] } }"));
    List<EstimatorSettings> built = new ArrayList<>();
    List<String> code = new ArrayList<>();
    // The pipeline itself is not under test here: this runner records what the workspace composed.
    PipelineLauncher launcher = new PipelineLauncher(temp.resolve("no-plugins"), null, Map.of(), () -> (workspace, runDir, resume, p) -> {
      built.add(workspace.injector().getInstance(Estimator.class).settings());
      code.add(workspace.origins().stream().filter(o -> o.block().equals("avnas.estimator")).map(PluginOrigin::path)
          .findFirst().orElse("none"));
      return runDir.resolve("results.json");
    }, new PrintWriter(new StringWriter()));
    for (PlannedRun run : new Compare(settings).plan()) {
      launcher.launch(run, false, new PrintWriter(new StringWriter()));
    }
    assertEquals(List.of("stgs", "reinmax"), built.stream().map(EstimatorSettings::id).toList());
    assertEquals(List.of(0.1, 1.0), built.stream().map(EstimatorSettings::tau).toList());
    // Each run's provenance names the module folder or jar its estimator came from.
    assertTrue(code.get(0).contains("estimator-stgs"), code.toString());
    assertTrue(code.get(1).contains("estimator-reinmax"), code.toString());
  }
}
