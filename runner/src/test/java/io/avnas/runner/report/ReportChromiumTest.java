package io.avnas.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium from disk (file://, no network) and checks what the
 * browser shows. Skipped, with a message, where Chromium is not installed.
 */
class ReportChromiumTest {
  /** Chromium must not touch the network or sync; a fresh profile per run. */
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
      "--disable-dev-shm-usage", "--hide-scrollbars");

  /**
   * Appended to a copy of the report (never to the report itself, which has no script): after
   * load, it records in the DOM what a reader would see decoded and laid out.
   */
  private static final String PROBE = """
      <script>
      window.addEventListener('load', () => {
        const images = Array.from(document.images);
        const b = document.body;
        b.setAttribute('data-images-total', images.length);
        b.setAttribute('data-images-loaded', images.filter(i => i.complete && i.naturalWidth > 0).length);
        const svg = document.querySelector('svg.genotype');
        b.setAttribute('data-genotype-width', svg ? Math.round(svg.getBoundingClientRect().width) : 0);
        const table = document.querySelector('table');
        const column = Array.from(table.querySelectorAll('th')).map(h => h.textContent).indexOf('AUC (%)');
        b.setAttribute('data-auc', table.querySelector('tbody tr').children[column].textContent);
        b.setAttribute('data-text', document.body.innerText.replace(/\\s+/g, ' '));
      });
      </script>
      """;

  @TempDir Path temp;

  static Optional<Path> chromium() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void chromiumShowsTheReportFromDisk() throws Exception {
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(chromium.isPresent(),
        "Chromium is not installed (Debian: apt-get install -y chromium); skipping the report.html rendering check");
    Path run = ReportWriterTest.fullRun(temp.resolve("run"));
    Path report = ReportWriter.write(run);
    double auc = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject()
        .getAsJsonObject("test").get("auc").getAsDouble();

    Path probe = run.resolve("probe.html");
    Files.writeString(probe, Files.readString(report).replace("</body>", PROBE + "</body>"));
    String dom = runChromium(chromium.get(), "--virtual-time-budget=10000", "--dump-dom", probe.toUri().toString());

    assertEquals("4", attribute(dom, "data-images-total"), "the report embeds four plots");
    assertEquals("4", attribute(dom, "data-images-loaded"), "every embedded plot decodes in the browser");
    assertTrue(Integer.parseInt(attribute(dom, "data-genotype-width")) > 300, "the genotype drawing is laid out");
    String text = attribute(dom, "data-text");
    assertEquals(String.format(Locale.ROOT, "%.2f", auc * 100), attribute(dom, "data-auc"), "the AUC column shows the AUC");
    for (String shown : List.of("Results", "ROC curve", "Architecture entropy", "Loss curves", "Genotype",
        "n0 = attention(x, y)", "n1 = linear_glu(n0, y)", "n0 = concat_fc(x, y)", "n1 = sum(x, n0)",
        "visual.layer4", "audio.layer3", "classifier")) {
      assertTrue(text.contains(shown), "the page does not show '" + shown + "'");
    }

    // A screenshot of the real report (no probe) must show more than a blank page.
    Path screenshot = temp.resolve("report.png");
    runChromium(chromium.get(), "--window-size=1100,3600", "--screenshot=" + screenshot, report.toUri().toString());
    BufferedImage image = ImageIO.read(screenshot.toFile());
    // Text and tables alone cover about 1% of a mostly white page; a blank page covers 0.
    double ink = inkFraction(image);
    assertTrue(ink > 0.005, "the screenshot is nearly blank: " + ink);
    // The plots' first series colour (#1f77b4) only appears on screen if the PNGs were painted.
    assertTrue(countColour(image, 0x1f77b4) > 200, "no plot lines painted in the screenshot");
    Path keep = Path.of("target", "report-screenshot.png");
    if (Files.isDirectory(keep.getParent())) {
      Files.copy(screenshot, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String runChromium(Path exe, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(exe.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + Files.createTempDirectory(temp, "profile"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(temp, "chromium", ".out");
    Path err = Files.createTempFile(temp, "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // Two cores shared by several builds: a cold Chromium start can take tens of seconds.
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 120 s: " + Files.readString(err));
    }
    assertEquals(0, process.exitValue(), "Chromium failed: " + Files.readString(err));
    return Files.readString(out);
  }

  private static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    assertTrue(m.find(), name + " not set: the probe script did not run");
    return m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
  }

  /** Pixels within a small distance of an RGB colour (anti-aliasing blends line edges). */
  private static long countColour(BufferedImage image, int rgb) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
            + Math.abs((p & 0xff) - (rgb & 0xff));
        count += d < 30 ? 1 : 0;
      }
    }
    return count;
  }

  /** The fraction of pixels that are clearly not white. */
  private static double inkFraction(BufferedImage image) {
    long ink = Stream.iterate(0, y -> y < image.getHeight(), y -> y + 4).mapToLong(y -> {
      long row = 0;
      for (int x = 0; x < image.getWidth(); x += 4) {
        int rgb = image.getRGB(x, y);
        int sum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
        row += sum < 600 ? 1 : 0;
      }
      return row;
    }).sum();
    long samples = (long) ((image.getHeight() + 3) / 4) * ((image.getWidth() + 3) / 4);
    return (double) ink / samples;
  }
}
