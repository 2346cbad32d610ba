package io.avnas.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.cli.AvnasCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  @TempDir Path temp;

  @Test
  void writesTheReportOrNamesTheMissingFolder() throws Exception {
    Path run = ReportWriterTest.fullRun(temp.resolve("run"));
    CommandLine cl = AvnasCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute("report", run.toString()));
    assertTrue(Files.readString(run.resolve("report.html")).contains("<h2>Genotype</h2>"));

    assertEquals(AvnasCommand.EXIT_INVALID, cl.execute("report", temp.resolve("nope").toString()));
    assertTrue(err.toString().contains("nope does not exist"), err.toString());
  }
}
