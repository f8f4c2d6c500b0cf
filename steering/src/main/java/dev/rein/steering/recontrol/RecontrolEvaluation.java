package dev.rein.steering.recontrol;

import dev.rein.eval.TextScorer;
import dev.rein.eval.diversity.DiversityReport;
import dev.rein.eval.model.Coherence;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * RE-Control's evaluation (METHODS.md 5.4): the same prompts are answered twice with the same decoding settings and
 * seeds, once plainly and once with {@link ValueGuidance}, and each set of responses is measured by its average
 * reward (any {@link TextScorer}), RE-Control's diversity ({@link DiversityReport}) and coherence ({@link Coherence}
 * at the final normed state of the same model, standing in for RE-Control's SimCSE).
 */
public final class RecontrolEvaluation {
    private final ScoringModel model;
    private final TextScorer reward;
    private final RewardLabels.Text rewardText;
    private final Coherence coherence;

    /**
     * @param model      generates (its batch size of prompts at a time) and embeds for coherence
     * @param reward     scores each response
     * @param rewardText what the reward reads: the response, or the prompt followed by it
     */
    public RecontrolEvaluation(ScoringModel model, TextScorer reward, RewardLabels.Text rewardText) {
        this.model = model;
        this.reward = reward;
        this.rewardText = rewardText;
        this.coherence = Coherence.atFinalNorm(model);
    }

    /**
     * Plain and guided responses to {@code prompts} ({@code settings.numReturnSequences()} each), side by side.
     *
     * @param progress told the number of responses generated so far, of 2 × prompts × samples
     * @throws IllegalArgumentException when there are no prompts or one encodes to no tokens
     */
    public RecontrolComparison compare(List<String> prompts, SamplingSettings settings, ValueGuidance guidance,
                                       IntConsumer progress) {
        EvaluatedResponses plain = evaluate(prompts, settings, Hooks.none(), progress);
        int offset = plain.responses().size();
        EvaluatedResponses steered = evaluate(prompts, settings, guidance.hooks(),
                done -> progress.accept(offset + done));
        return new RecontrolComparison(plain, steered);
    }

    /**
     * Responses to {@code prompts} generated with {@code hooks} (none for plain generation), measured.
     *
     * @param progress told the number of responses generated so far
     */
    public EvaluatedResponses evaluate(List<String> prompts, SamplingSettings settings, Hooks hooks,
                                       IntConsumer progress) {
        List<CollectedResponse> responses = generate(prompts, settings, hooks, progress);
        List<String> promptTexts = responses.stream().map(CollectedResponse::promptText).toList();
        List<String> texts = responses.stream().map(CollectedResponse::response).toList();
        float[] rewards = RewardLabels.score(promptTexts, texts, reward, rewardText);
        double[] rewardValues = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) rewardValues[i] = rewards[i];
        return new EvaluatedResponses(responses, rewardValues, coherences(promptTexts, texts),
                DiversityReport.of(texts));
    }

    private List<CollectedResponse> generate(List<String> prompts, SamplingSettings settings, Hooks hooks,
                                             IntConsumer progress) {
        GenerationOptions options = GenerationOptions.NONE.withHooks(hooks)
                .withTextDecoders(() -> model.tokenizer().streamingDecoder()::push);
        Generator generator = new Generator(model.transformer());
        List<CollectedResponse> responses = new ArrayList<>();
        for (PromptBatch batch : PromptBatch.split(model.tokenizer(), prompts, model.batchSize())) {
            for (GeneratedSequence sequence : generator.generate(batch.ids(), settings, options)) {
                responses.add(CollectedResponse.of(model.tokenizer(), sequence, batch.first() + sequence.prompt(),
                        batch.texts().get(sequence.prompt())));
            }
            progress.accept(responses.size());
        }
        return responses;
    }

    /** Each pair's coherence; empty responses have no embedding and get 0. */
    private double[] coherences(List<String> prompts, List<String> responses) {
        List<Integer> scored = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            if (!responses.get(i).isEmpty()) scored.add(i);
        }
        double[] all = new double[responses.size()];
        if (scored.isEmpty()) return all;
        double[] cosines = coherence.score(scored.stream().map(prompts::get).toList(),
                scored.stream().map(responses::get).toList()).cosines();
        for (int i = 0; i < cosines.length; i++) all[scored.get(i)] = cosines[i];
        return all;
    }
}
