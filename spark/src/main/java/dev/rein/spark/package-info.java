/**
 * Rein over Spark datasets ({@link dev.rein.spark.ReinSpark}): generation, scoring, RE-Control state collection and
 * method evaluation, row by row across a cluster. Each executor JVM loads a model once and shares it between its
 * tasks ({@link dev.rein.spark.ExecutorModels}); each row samples with a seed of its own, derived from the job's seed
 * and the row's key ({@link dev.rein.spark.RowSeeds}), so a retried or speculative task writes exactly what the first
 * attempt would have, and a row's output equals {@code rein generate --seed <its seed>}. See docs/spark.md.
 */
package dev.rein.spark;
