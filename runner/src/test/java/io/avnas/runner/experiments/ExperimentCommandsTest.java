package io.avnas.runner.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.cli.AvnasCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExperimentCommandsTest {

  private record Result(int exit, String out, String err) {}

  private static Result execute(String... args) {
    CommandLine cl = AvnasCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void badShardIsOneLineAndExitTwo() {
    Result r = execute("sweep", "--shard", "4/4");
    assertEquals(AvnasCommand.EXIT_INVALID, r.exit());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("avnas: --shard 4/4:"), r.err());
  }

  @Test
  void gatherWithShardIsRejected() {
    Result r = execute("sweep", "--gather", "--shard", "0/2");
    assertEquals(AvnasCommand.EXIT_INVALID, r.exit());
    assertTrue(r.err().contains("--gather runs nothing"), r.err());
  }

  @Test
  void helpDescribesFoldersAndSharding() {
    Result compare = execute("compare", "--help");
    assertEquals(0, compare.exit());
    assertTrue(compare.out().contains("compare/<estimator>"), compare.out());
    Result sweep = execute("sweep", "--help");
    assertEquals(0, sweep.exit());
    assertTrue(sweep.out().contains("0-based"), sweep.out());
  }
}
