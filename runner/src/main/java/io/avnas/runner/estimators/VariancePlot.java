package io.avnas.runner.estimators;

import io.avnas.runner.files.AtomicWrite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG plot of the benchmark: total gradient variance against K on log-log axes. An estimator with
 * a sample count is one line per tau; one without is a dashed horizontal reference line per tau.
 * Colours tell estimators apart, line widths (and dash lengths) temperatures.
 */
public final class VariancePlot {
  private static final Paint[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)
  };

  private VariancePlot() {}

  /** Writes the plot atomically to {@code file}. */
  public static void write(List<BenchRow> rows, List<Double> taus, List<Integer> ks, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    double minK = ks.stream().mapToInt(Integer::intValue).min().orElse(1);
    double maxK = ks.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<String> estimators = rows.stream().map(BenchRow::estimator).distinct().collect(Collectors.toList());
    int series = 0;
    for (int e = 0; e < estimators.size(); e++) {
      String id = estimators.get(e);
      Paint colour = COLOURS[e % COLOURS.length];
      for (int t = 0; t < taus.size(); t++) {
        double tau = taus.get(t);
        XYSeries line = new XYSeries(String.format(Locale.ROOT, "%s, tau = %s", id, tau));
        boolean sampled = false;
        for (BenchRow row : rows) {
          if (!row.estimator().equals(id) || row.tau() != tau || !(row.variance() > 0)) {
            continue;
          }
          if (row.k() == null) {
            line.add(minK, row.variance());
            line.add(maxK, row.variance());
          } else {
            sampled = true;
            line.add(row.k().doubleValue(), row.variance());
          }
        }
        if (line.isEmpty()) {
          continue;
        }
        data.addSeries(line);
        renderer.setSeriesPaint(series, colour);
        float width = 1f + t;
        if (sampled) {
          renderer.setSeriesStroke(series, new BasicStroke(width));
        } else {
          renderer.setSeriesShapesVisible(series, false);
          renderer.setSeriesStroke(series, new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {4f + 3f * t, 4f}, 0f));
        }
        series++;
      }
    }
    LogAxis x = new LogAxis("K (Monte Carlo samples, for estimators that have them)");
    x.setBase(10);
    x.setSmallestValue(0.5);
    // Ticks at whole powers of ten, printed as plain numbers (1, 10, 100) rather than 10^0.2 steps.
    x.setTickUnit(new NumberTickUnit(1.0));
    x.setNumberFormatOverride(new DecimalFormat("#,##0"));
    LogAxis y = new LogAxis("total gradient variance");
    y.setBase(10);
    y.setSmallestValue(1e-12);
    y.setTickUnit(new NumberTickUnit(0.5));
    y.setNumberFormatOverride(new DecimalFormat("0.####"));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("Gradient variance vs K (dashed: no sample count)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    AtomicWrite.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 720, 480));
  }
}
