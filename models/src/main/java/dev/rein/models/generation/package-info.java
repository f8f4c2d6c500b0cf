/**
 * The model-independent half of generation: turning one row's next-token logits and token history into the next
 * token, and deciding when the row stops, with Hugging Face transformers' semantics.
 *
 * <p>Per request: {@link dev.rein.models.generation.SamplingSettings} (validated, defaults from a checkpoint's
 * generation_config.json) and one {@link dev.rein.models.generation.LogitsPipeline} built from them. Per row: a
 * {@link dev.rein.models.generation.TokenSequence} of prompt and generated ids, a generator from
 * {@link dev.rein.models.generation.RowRandom#forRow} and a {@link dev.rein.models.generation.StopCondition}.
 * Each step: {@code int id = pipeline.next(sequence, logits, random); sequence.append(id);
 * condition.accept(id)} tells whether the row stops. {@link dev.rein.models.generation.LogitsProcessor} is the
 * extension point for the caller's own constraints.
 */
package dev.rein.models.generation;
