package dev.rein.eval.length;

import java.util.List;

/**
 * A length-control method under evaluation, seen from outside: given rows (an instruction and the length asked for),
 * it returns one response text per row, in row order. How it conditions on the length (a control embedding, the
 * length written into the prompt, a bucket token, nothing at all) is its own business, so {@link LengthEvaluation}
 * compares any of them on the same rows.
 */
public interface LengthResponder {
    /** The method's name in tables, JSON, the predictions file and the plot's legend, e.g. {@code cie}. */
    String name();

    /** One response per row of {@code rows}, in the same order; batching is up to the method. */
    List<String> respond(List<LengthRow> rows);
}
