package dev.rein.cli;

import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.LmExamples;
import dev.rein.data.lm.RowBatches;
import java.util.List;
import java.util.Locale;

/**
 * The data of a {@code rein train lm} run: the training documents and their batches, and the held-out ones (null
 * when there are none), with a one-line description for the run's header.
 */
record TrainingData(List<LmExample> documents, RowBatches train, List<LmExample> heldOutDocuments, RowBatches eval,
                    RowBatches.Layout layout, int sequenceLength) {

    String describe() {
        String line = String.format(Locale.ROOT, "data: %s, %d tokens -> %s (%s, at most %d tokens), %s per epoch",
                count(documents.size(), "document"), LmExamples.tokenCount(documents), count(train.rowCount(), "row"),
                layout.name().toLowerCase(Locale.ROOT), sequenceLength, count(train.batchesPerEpoch(), "batch"));
        if (eval != null) {
            line += "; held out: " + count(heldOutDocuments.size(), "document") + ", "
                    + count(eval.batchesPerEpoch(), "batch");
        }
        return line;
    }

    /** "1 batch", "3 batches". */
    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s");
    }
}
