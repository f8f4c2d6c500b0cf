/**
 * CIE (Samuel et al., "Controlling Language Model Text Generations Using Continuous Signals", arXiv 2505.13448):
 * a continuous control value enters the model as an input embedding interpolated between the two rows of a trained
 * [2, H] table, at the position of a placeholder token the tokenizer gains as a special token. The placeholder id is
 * never looked up in the model's embedding table: it is replaced by a valid id before the lookup and its embedding is
 * overwritten at {@code hook_embed} ({@link dev.rein.steering.cie.ControlInjection}).
 */
package dev.rein.steering.cie;
