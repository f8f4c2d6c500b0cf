package dev.rein.eval;

/**
 * One input row that a metric cannot score (a text longer than the model's context, a text with no token to
 * predict, a question whose answer adds no tokens): an IllegalArgumentException that keeps the row's 0-based index,
 * so that a command reading a file can name the row's line ({@link PredictionRows#at}).
 */
public final class RowError extends IllegalArgumentException {
    private final int row;
    private final String problem;

    /** @param row the row's 0-based index in the metric's input; @param problem what is wrong with it */
    public RowError(int row, String problem) {
        super("row " + row + ": " + problem);
        this.row = row;
        this.problem = problem;
    }

    /** The row's 0-based index in the metric's input. */
    public int row() {
        return row;
    }

    /** What is wrong with the row, without its index. */
    public String problem() {
        return problem;
    }
}
