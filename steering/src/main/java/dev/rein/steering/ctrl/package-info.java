/**
 * Control-token conditioning (the seed's conditional MLE with toxicity and sentiment tokens; ../shared/METHODS.md
 * section 2): a model learns to continue text in the style that special tokens announce,
 * {@code <|toxic|>}/{@code <|nontoxic|>} and {@code <|pos|>}/{@code <|neu|>}/{@code <|neg|>}
 * ({@link dev.rein.steering.ctrl.ControlToken}), by plain causal language modelling on sentences labelled with them.
 * Labelling: sentences from a file ({@link dev.rein.steering.ctrl.SentenceFile}, cleaned by
 * {@link dev.rein.steering.ctrl.SentenceCleaner}) or from the story grammar
 * ({@link dev.rein.steering.ctrl.StorySentences}) are labelled ({@link dev.rein.steering.ctrl.SentenceLabeller}),
 * split and sampled ({@link dev.rein.steering.ctrl.CtrlLabelling}) into labelled files
 * ({@link dev.rein.steering.ctrl.LabelledRows}). Training: the tokens added to a model's tokenizer and embedding
 * ({@link dev.rein.steering.ctrl.StartingPoint}), each row in the conditional-MLE format of its
 * {@link dev.rein.steering.ctrl.Condition} ({@link dev.rein.steering.ctrl.ControlTokenFormat}), the training run
 * ({@link dev.rein.steering.ctrl.ControlTokenTrainer}). Evaluation: {@link dev.rein.steering.ctrl.CtrlEvaluation}
 * continues the same prompts under each condition (its tokens before the prompt or after it,
 * {@link dev.rein.steering.ctrl.Placement}, checked by
 * {@link dev.rein.steering.ctrl.ControlVocabulary}, sampled as {@link dev.rein.steering.ctrl.CtrlSampling} sets) and
 * reports the seed's misalignments side by side ({@link dev.rein.steering.ctrl.CtrlReport}).
 */
package dev.rein.steering.ctrl;
