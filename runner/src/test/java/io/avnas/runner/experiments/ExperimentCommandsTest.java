package io.avnas.runner.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.cli.AvnasCommand;
import io.avnas.runner.testing.CliRun;
import org.junit.jupiter.api.Test;

class ExperimentCommandsTest {

  private static CliRun execute(String... args) {
    return CliRun.of(args);
  }

  @Test
  void badShardIsOneLineAndExitTwo() {
    CliRun r = execute("sweep", "--shard", "4/4");
    assertEquals(AvnasCommand.EXIT_INVALID, r.exit());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("avnas: --shard 4/4:"), r.err());
  }

  @Test
  void gatherWithShardIsRejected() {
    CliRun r = execute("sweep", "--gather", "--shard", "0/2");
    assertEquals(AvnasCommand.EXIT_INVALID, r.exit());
    assertTrue(r.err().contains("--gather runs nothing"), r.err());
  }

  @Test
  void helpDescribesFoldersAndSharding() {
    CliRun compare = execute("compare", "--help");
    assertEquals(0, compare.exit());
    assertTrue(compare.out().contains("compare/<estimator>"), compare.out());
    CliRun sweep = execute("sweep", "--help");
    assertEquals(0, sweep.exit());
    assertTrue(sweep.out().contains("0-based"), sweep.out());
  }
}
