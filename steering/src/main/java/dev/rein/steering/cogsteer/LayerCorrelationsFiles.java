package dev.rein.steering.cogsteer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The files of a {@link LayerCorrelations}: JSON with every number, and a PNG line plot (JFreeChart, headless) of
 * Spearman's rho by depth, one line per eye feature, the statistic the suggestion rule reads. Both are written
 * atomically.
 */
public final class LayerCorrelationsFiles {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LayerCorrelationsFiles() {
    }

    /** The analysis as JSON; {@code settings} (model, corpus, ...) is copied in first. */
    public static String json(LayerCorrelations result, ObjectNode settings) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", settings);
        root.put("sentences", result.sentences()).put("skipped_sentences", result.skipped())
                .put("words", result.words()).put("suggested_layer", result.suggestedLayer())
                .put("rule", LayerCorrelations.RULE);
        result.features().forEach(root.putArray("features")::add);
        for (int d = 0; d < result.depths().size(); d++) {
            LayerCorrelations.Depth depth = result.depths().get(d);
            ObjectNode row = root.withArray("depths").addObject().put("depth", d).put("name", depth.name())
                    .put("mean_abs_spearman", depth.meanAbsoluteSpearman());
            for (int f = 0; f < result.features().size(); f++) {
                ObjectNode feature = row.withObject("features").putObject(result.features().get(f));
                put(feature.putObject("raw"), depth.raw().get(f));
                put(feature.putObject("log10"), depth.log10().get(f));
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** Writes {@link #json} to {@code file}. */
    public static void writeJson(Path file, LayerCorrelations result, ObjectNode settings) throws IOException {
        AtomicFiles.write(file, json(result, settings).getBytes(StandardCharsets.UTF_8));
    }

    /** The plot, titled {@code title}: depth (0 = embeddings) against rho, a line per feature. */
    public static JFreeChart chart(LayerCorrelations result, String title) {
        XYSeriesCollection series = new XYSeriesCollection();
        List<LayerCorrelations.Depth> depths = result.depths();
        for (int f = 0; f < result.features().size(); f++) {
            XYSeries line = new XYSeries(result.features().get(f), false, true);
            for (int d = 0; d < depths.size(); d++) line.add(d, depths.get(d).raw().get(f).spearman());
            series.addSeries(line);
        }
        XYPlot plot = new XYPlot(series, new NumberAxis("depth (0 = embeddings, i + 1 = block i)"),
                new NumberAxis("Spearman rho, first PCA component vs eye feature"), new XYLineAndShapeRenderer());
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Writes the plot as a {@code width} × {@code height} PNG to {@code file}. */
    public static void writePng(Path file, LayerCorrelations result, String title, int width, int height)
            throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart(result, title), width, height);
        AtomicFiles.write(file, png.toByteArray());
    }

    private static void put(ObjectNode node, Correlations c) {
        number(node, "pearson", c.pearson());
        number(node, "spearman", c.spearman());
        number(node, "kendall_tau_b", c.kendall());
        node.put("words", c.words());
    }

    /** NaN as JSON null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) node.putNull(name);
        else node.put(name, value);
    }
}
