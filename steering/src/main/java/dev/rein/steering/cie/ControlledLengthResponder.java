package dev.rein.steering.cie;

import dev.rein.eval.length.LengthResponder;
import dev.rein.eval.length.LengthRow;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A length-control method as a {@link LengthResponder}, so that {@link dev.rein.eval.length.LengthEvaluation}
 * compares CIE and its baselines on the same rows: each row becomes a prompt by the method's own rule (CIE's
 * placeholder with the row's value, the length written into the instruction, nothing at all), the prompts run in
 * batches of at most {@code batchSize}, and the new tokens are decoded without special tokens (an EOS's text is no
 * word of the response).
 */
public final class ControlledLengthResponder implements LengthResponder {
    /** How a batch of prompts becomes sequences, one per prompt: e.g. {@code ControlledGeneration::generate}. */
    @FunctionalInterface
    public interface Generation {
        List<GeneratedSequence> generate(List<ControlledTokens> prompts, SamplingSettings settings);
    }

    private final String name;
    private final Generation generation;
    private final Tokenizer tokenizer;
    private final Function<LengthRow, ControlledTokens> prompts;
    private final SamplingSettings sampling;
    private final int batchSize;

    /**
     * @param name       the method's name in reports
     * @param generation the trained model with its injection, e.g. {@code controlledGeneration::generate}
     * @param tokenizer  decodes the responses
     * @param prompts    a row's prompt, e.g. {@code row -> examples.prompt(row.instruction(), row.value(), "row")}
     * @param sampling   how to generate; one sequence per prompt
     * @param batchSize  most prompts in one generation batch, at least 1
     */
    public ControlledLengthResponder(String name, Generation generation, Tokenizer tokenizer,
                                     Function<LengthRow, ControlledTokens> prompts, SamplingSettings sampling,
                                     int batchSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        if (sampling.numReturnSequences() != 1) {
            throw new IllegalArgumentException("a length responder returns one response per row, not "
                    + sampling.numReturnSequences());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        this.sampling = sampling;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> respond(List<LengthRow> rows) {
        List<String> responses = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<LengthRow> batch = rows.subList(from, from + Math.min(batchSize, rows.size() - from));
            for (GeneratedSequence sequence : generation.generate(batch.stream().map(prompts).toList(), sampling)) {
                responses.add(tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS));
            }
        }
        return responses;
    }
}
