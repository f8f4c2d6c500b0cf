package dev.rein.eval.length;

import dev.rein.formats.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sweep plot of a {@link LengthComparison}: target length (each row's control value) against generated length
 * ({@code \w+} words), one scatter series per method and the line y = x where a perfect control lies, drawn with
 * JFreeChart to a PNG. It needs no display: AWT runs headless ({@code java.awt.headless=true} is set unless the
 * caller set it).
 */
public final class LengthSweepPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private LengthSweepPlot() {
    }

    /** The chart, titled {@code title}. */
    public static JFreeChart chart(LengthComparison comparison, String title) {
        XYSeriesCollection series = new XYSeriesCollection();
        List<LengthRow> rows = comparison.rows();
        for (MethodScores method : comparison.methods()) {
            XYSeries points = new XYSeries(method.name(), false, true);
            for (int i = 0; i < rows.size(); i++) points.add(rows.get(i).value(), method.words().get(i));
            series.addSeries(points);
        }
        int lo = rows.stream().mapToInt(LengthRow::value).min().orElseThrow();
        int hi = rows.stream().mapToInt(LengthRow::value).max().orElseThrow();
        XYSeries identity = new XYSeries("y = x", false, true);
        identity.add(lo, lo);
        identity.add(hi, hi);
        series.addSeries(identity);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int line = series.getSeriesCount() - 1;
        for (int i = 0; i < line; i++) renderer.setSeriesLinesVisible(i, false);
        renderer.setSeriesShapesVisible(line, false);
        XYPlot plot = new XYPlot(series, new NumberAxis("target length (words)"),
                new NumberAxis("generated length (\\w+ words)"), renderer);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Writes the chart as a {@code width} × {@code height} PNG to {@code file} atomically. */
    public static void writePng(Path file, LengthComparison comparison, String title, int width, int height)
            throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart(comparison, title), width, height);
        AtomicFiles.write(file, png.toByteArray());
    }
}
