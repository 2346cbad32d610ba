package io.avnas.runner.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions avnas was built with, for {@code version}, {@code doctor} and a run's provenance. */
public final class BuildInfo {
  private BuildInfo() {}

  /** Build-time versions ({@code avnas.version}, {@code djl.version}, ...), filtered into {@code avnas-version.properties} by Maven. */
  public static Properties properties() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/avnas/runner/avnas-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
