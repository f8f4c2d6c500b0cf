package dev.rein.cli;

import dev.rein.eval.length.LengthResponder;
import dev.rein.eval.length.LengthRow;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link LengthResponder} that renders each row as a prompt (with or without controls) and generates for the rows
 * in batches, one response per row: {@code rein cie eval}'s methods differ only in the prompt and the generation.
 */
final class GeneratingResponder implements LengthResponder {
    /** How a batch of prompts becomes sequences, one per prompt (one sample each). */
    interface BatchGeneration {
        List<GeneratedSequence> generate(List<ControlledTokens> prompts, SamplingSettings settings);
    }

    private final String name;
    private final Function<LengthRow, ControlledTokens> prompt;
    private final BatchGeneration generation;
    private final Tokenizer tokenizer;
    private final SamplingSettings settings;
    private final int batchSize;

    GeneratingResponder(String name, Function<LengthRow, ControlledTokens> prompt, BatchGeneration generation,
                        Tokenizer tokenizer, SamplingSettings settings, int batchSize) {
        this.name = name;
        this.prompt = prompt;
        this.generation = generation;
        this.tokenizer = tokenizer;
        this.settings = settings;
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
            List<ControlledTokens> prompts = rows.subList(from, Math.min(rows.size(), from + batchSize)).stream()
                    .map(prompt).toList();
            for (GeneratedSequence sequence : generation.generate(prompts, settings)) {
                responses.add(tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS));
            }
            System.err.printf("%s: %d of %d rows%n", name, responses.size(), rows.size());
        }
        return responses;
    }
}
