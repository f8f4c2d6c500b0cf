package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.TextScorer;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.dph.RankedPreferences;
import dev.rein.steering.dph.ReplySampler;
import dev.rein.steering.dph.StoryPreferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How {@code rein dph pairs --rank vader} samples its pairs (an argument group): K replies to each opening drawn
 * from the model in its DPH reply format ({@link ReplySampler}), ranked by the scorer ({@link RankedPreferences}).
 */
final class RankedPairsOptions {
    /** Openings per batched generation; fixed, since each reply's random stream depends on its row. */
    private static final int PROMPTS_PER_BATCH = 16;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "JSON Lines file whose \"prompt\" fields are the openings, rows --from to --from + --count "
                    + "- 1 (default: the story grammar's opening sentences of --seed).")
    private Path prompts;

    @Option(names = "--samples", paramLabel = "K", description = "Replies sampled per opening; the best and worst "
            + "by VADER's compound make the pair (default: 4).")
    private int samples = 4;

    @Option(names = "--min-gap", paramLabel = "G", description = "Drop an opening whose best and worst compound are "
            + "less than G apart (default: 0.2).")
    private double minGap = 0.2;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most tokens per reply (default: 100).")
    private int maxNewTokens = 100;

    /** The pairs of openings {@code from} to {@code from + count - 1}, sampled from {@code model} with {@code seed}. */
    RankedPreferences.Result pairs(LanguageModel model, TextScorer scorer, long seed, int from, int count)
            throws IOException {
        if (samples < 2) throw new UserError("--samples must be at least 2, got " + samples);
        if (!(minGap >= 0)) throw new UserError("--min-gap must be at least 0, got " + minGap);
        if (maxNewTokens < 1) throw new UserError("--max-new-tokens must be at least 1, got " + maxNewTokens);
        SamplingSettings sampling = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens())
                .sample().seed(seed).maxNewTokens(maxNewTokens).build();
        List<ReplySampler.Replies> sampled = new ReplySampler(model.transformer(), DphModels.format(model, null),
                model.tokenizer()).sample(openings(seed, from, count), sampling, samples, PROMPTS_PER_BATCH,
                done -> System.err.print("\r" + done + " openings sampled"));
        System.err.println();
        return RankedPreferences.of(sampled, scorer, minGap);
    }

    private List<String> openings(long seed, int from, int count) throws IOException {
        if (prompts == null) return StoryPreferences.prompts(seed, from, count);
        if (!Files.isRegularFile(prompts)) throw new UserError("--prompts " + prompts + ": no such file");
        List<String> all = PredictionRows.read(prompts).strings("prompt");
        if (from + count > all.size()) {
            throw new UserError("--prompts " + prompts + ": " + all.size() + " rows, fewer than --from " + from
                    + " + --count " + count);
        }
        return all.subList(from, from + count);
    }
}
