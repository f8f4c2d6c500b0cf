/**
 * Metrics computed by running a language model: {@link dev.rein.eval.model.Perplexity}, RE-Control's
 * {@link dev.rein.eval.model.Coherence}, {@link dev.rein.eval.model.RewardScorer} (a trained head as a text scorer)
 * and {@link dev.rein.eval.model.MultipleChoice} (DPH's log-prob baseline). {@link dev.rein.eval.model.ScoringModel}
 * is what they share: the model, its tokenizer, the batch size, and the length checks every text passes.
 */
package dev.rein.eval.model;
