package dev.rein.cli;

import dev.rein.lab.Prediction;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The logit lens as a grid for a terminal: a row per residual stream (embeddings, then each block), a column per
 * position headed by its input token; each cell the predicted token, cut short, and its probability. Positions that
 * do not fit in the width go to further panels below.
 */
final class LensGrid {
    private static final int LABEL_WIDTH = 7;   // "blk 31 "
    private static final int PIECE_WIDTH = 9;
    private static final int CELL_WIDTH = PIECE_WIDTH + 6;   // piece, space, "100%", space

    private LensGrid() {
    }

    static void print(PrintStream out, int[] ids, LogitLens lens, TokenLabels labels, int width) {
        int perPanel = Math.max(1, (width - LABEL_WIDTH) / CELL_WIDTH);
        for (int first = 0; first < ids.length; first += perPanel) {
            int end = Math.min(ids.length, first + perPanel);
            if (first > 0) {
                out.println();
            }
            StringBuilder positions = new StringBuilder(pad("pos", LABEL_WIDTH));
            StringBuilder inputs = new StringBuilder(pad("input", LABEL_WIDTH));
            for (int t = first; t < end; t++) {
                positions.append(pad(Integer.toString(t), CELL_WIDTH));
                inputs.append(pad(labels.shortLabel(ids[t], PIECE_WIDTH), CELL_WIDTH));
            }
            out.println(positions.toString().stripTrailing());
            out.println(inputs.toString().stripTrailing());
            for (LogitLens.Stage stage : lens.stages()) {
                printStage(out, stage, first, end, labels);
            }
        }
    }

    /** One line per rank: the stage's label on the first. */
    private static void printStage(PrintStream out, LogitLens.Stage stage, int first, int end, TokenLabels labels) {
        int ranks = stage.positions().get(first).size();
        for (int rank = 0; rank < ranks; rank++) {
            StringBuilder line = new StringBuilder(pad(rank == 0 ? stage.label() : "", LABEL_WIDTH));
            for (int t = first; t < end; t++) {
                List<Prediction> best = stage.positions().get(t);
                Prediction p = best.get(rank);
                line.append(pad(pad(labels.shortLabel(p.id(), PIECE_WIDTH), PIECE_WIDTH) + " " + percent(p.probability()),
                        CELL_WIDTH));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** " 97%", "100%", " <1%": four characters. */
    static String percent(double probability) {
        return probability < 0.005 ? " <1%" : String.format(Locale.ROOT, "%3.0f%%", 100 * probability);
    }

    private static String pad(String s, int width) {
        int length = s.codePointCount(0, s.length());
        return length >= width ? s : s + " ".repeat(width - length);
    }
}
