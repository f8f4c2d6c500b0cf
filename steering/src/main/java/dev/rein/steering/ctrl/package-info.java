/**
 * Control-token conditioning (METHODS.md section 2, seed 001): a model learns to continue text in the style that
 * special tokens in front of it announce, {@code <|toxic|>}/{@code <|nontoxic|>} and {@code <|pos|>}/{@code <|neu|>}/
 * {@code <|neg|>} ({@link dev.rein.steering.ctrl.ControlTokens}), by plain causal language modelling on sentences
 * labelled with them (conditional MLE, as CTRL and Korbak et al. 2023). The model side: the tokens added to a
 * model's tokenizer and embedding, labelled JSONL rows ({@link dev.rein.steering.ctrl.LabelledSentences}), the
 * training format ({@link dev.rein.steering.ctrl.ControlTokenFormat}) and the training run
 * ({@link dev.rein.steering.ctrl.ControlTokenTrainer}).
 */
package dev.rein.steering.ctrl;
