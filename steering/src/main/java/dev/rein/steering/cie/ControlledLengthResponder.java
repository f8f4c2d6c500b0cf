package dev.rein.steering.cie;

import dev.rein.eval.length.LengthResponder;
import dev.rein.eval.length.LengthRow;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A length-control method as a {@link LengthResponder}, so that {@link dev.rein.eval.length.LengthEvaluation}
 * compares CIE and its baselines on the same rows: each row becomes a prompt by the method's own rule (CIE's
 * placeholder with the row's value, the length written into the instruction, nothing at all), all prompts run as
 * one {@link ControlledGeneration} batch, and the new tokens are decoded.
 */
public final class ControlledLengthResponder implements LengthResponder {
    private final String name;
    private final ControlledGeneration generation;
    private final Tokenizer tokenizer;
    private final Function<LengthRow, ControlledTokens> prompts;
    private final SamplingSettings sampling;

    /**
     * @param name       the method's name in reports
     * @param generation the trained model with its injection (an injection with no placements for baselines)
     * @param tokenizer  decodes the responses
     * @param prompts    a row's prompt, e.g. {@code row -> examples.prompt(row.instruction(), row.value(), "row")}
     * @param sampling   how to generate; one sequence per prompt
     */
    public ControlledLengthResponder(String name, ControlledGeneration generation, Tokenizer tokenizer,
                                     Function<LengthRow, ControlledTokens> prompts, SamplingSettings sampling) {
        this.name = Objects.requireNonNull(name, "name");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        if (sampling.numReturnSequences() != 1) {
            throw new IllegalArgumentException("a length responder returns one response per row, not "
                    + sampling.numReturnSequences());
        }
        this.sampling = sampling;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> respond(List<LengthRow> rows) {
        List<GeneratedSequence> generated = generation.generate(rows.stream().map(prompts).toList(), sampling);
        return generated.stream().map(g -> tokenizer.decode(g.newIds())).toList();
    }
}
