/**
 * The scorers and metrics the control methods are judged by (../shared/METHODS.md sections 1.5, 2.4, 3.5, 4.4,
 * 5.4): each scorer is a small class with its definition in its Javadoc, {@link dev.rein.eval.TextScorer} is what
 * they share, {@link dev.rein.eval.MetricReport} is what a metric returns (printed as a table, written as JSON), and
 * {@link dev.rein.eval.PredictionRows} reads the JSON Lines files that {@code rein eval} scores.
 */
package dev.rein.eval;
