package io.avnas.runner.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Line charts rendered to PNG with JFreeChart, without a display. */
final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 380;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)
  };

  private Charts() {}

  /** One named line: points in order of x. */
  record Series(String name, List<double[]> points) {}

  /** One named line with a shaded band: points {x, y, low, high} in order of x. */
  record Band(String name, List<double[]> points) {}

  /** Renders lines with shaded bands (e.g. the mean over seeds and their range) as PNG bytes. */
  static byte[] bandChart(String title, String xLabel, String yLabel, List<Band> bands) throws IOException {
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    for (Band b : bands) {
      YIntervalSeries series = new YIntervalSeries(b.name(), false, true);
      b.points().forEach(p -> series.add(p[0], p[1], p[2], p[3]));
      dataset.addSeries(series);
    }
    JFreeChart chart = whiteChart(title, xLabel, yLabel, dataset);
    XYPlot plot = chart.getXYPlot();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.2f);
    for (int i = 0; i < bands.size(); i++) {
      Color color = PALETTE[i % PALETTE.length];
      renderer.setSeriesPaint(i, color);
      renderer.setSeriesFillPaint(i, color);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesShapesVisible(i, bands.get(i).points().size() < 2);
    }
    plot.setRenderer(renderer);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    return png.toByteArray();
  }

  /** An XY line chart on white, with light grey grid lines: the look every report plot shares. */
  private static JFreeChart whiteChart(String title, String xLabel, String yLabel, org.jfree.data.xy.XYDataset dataset) {
    // Report writing must work on servers without a display (CI, cluster nodes).
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return chart;
  }

  /**
   * Renders a line chart as PNG bytes.
   *
   * @param unitSquare fix both axes to [0, 1] (ROC curves)
   */
  static byte[] lineChart(String title, String xLabel, String yLabel, List<Series> series, boolean unitSquare)
      throws IOException {
    XYSeriesCollection dataset = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      s.points().forEach(p -> xy.add(p[0], p[1]));
      dataset.addSeries(xy);
    }
    JFreeChart chart = whiteChart(title, xLabel, yLabel, dataset);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      // A single point draws no line: show it as a marker so one-epoch runs still plot.
      renderer.setSeriesShapesVisible(i, series.get(i).points().size() < 2);
    }
    plot.setRenderer(renderer);
    if (unitSquare) {
      plot.getDomainAxis().setRange(0, 1);
      plot.getRangeAxis().setRange(0, 1);
    } else {
      // The x axis counts epochs: whole numbers only.
      plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    return png.toByteArray();
  }
}
