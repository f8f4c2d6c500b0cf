/**
 * Data for causal language-model training: corpora (plain text, JSON Lines, chat conversations), labelled examples
 * (plain, completion-only after a response template, assistant replies of a chat), packing into fixed blocks or
 * padding, held-out splits, and {@link dev.rein.data.lm.RowBatches}, the seeded {@code BatchSource} the trainer reads.
 */
package dev.rein.data.lm;
