/**
 * Control-token conditioning (the seed's conditional MLE with toxicity and sentiment tokens; ../shared/METHODS.md
 * section 2). Labelling: sentences from a file ({@link dev.rein.steering.ctrl.SentenceFile}, cleaned by
 * {@link dev.rein.steering.ctrl.SentenceCleaner}) or from the story grammar
 * ({@link dev.rein.steering.ctrl.StorySentences}) are labelled ({@link dev.rein.steering.ctrl.SentenceLabeller}),
 * split and sampled ({@link dev.rein.steering.ctrl.CtrlLabelling}) into labelled files
 * ({@link dev.rein.steering.ctrl.LabelledRows}). Evaluation: {@link dev.rein.steering.ctrl.CtrlEvaluation} continues
 * the same prompts under each {@link dev.rein.steering.ctrl.Condition} (its
 * {@link dev.rein.steering.ctrl.ControlToken}s appended after the prompt, sampled as
 * {@link dev.rein.steering.ctrl.CtrlSampling} sets) and reports the seed's misalignments side by side
 * ({@link dev.rein.steering.ctrl.CtrlReport}).
 */
package dev.rein.steering.ctrl;
