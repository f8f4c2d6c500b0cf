/**
 * The causal language-model training loop: {@link dev.rein.training.trainer.CausalLmTrainer} with its
 * {@link dev.rein.training.trainer.TrainingConfig}, the shifted cross-entropy over label masks, gradient
 * accumulation weighted by target tokens, held-out evaluation, the JSONL metrics log and the progress bar.
 */
package dev.rein.training.trainer;
