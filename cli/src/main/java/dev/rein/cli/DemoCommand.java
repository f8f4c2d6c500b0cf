package dev.rein.cli;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.vector.SteeringVector;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein demo}: the embedded default model writes a tale, then a steering vector read from its own activations
 * (happy tales minus sad tales at one residual hook point) turns its endings happy or sad, scored by the story
 * grammar's checker. Runs in seconds with nothing to download.
 */
@Command(name = "demo", description = {"Generation with a hook-based intervention on the embedded default model:",
        "a sampled tale, then a steering vector (happy minus sad tales at one hook point) added while generating,",
        "with the share of happy endings and of grammatical sentences for each strength.",
        "rein demo recontrol: RE-Control's pipeline on the same model."}, subcommands = DemoRecontrolCommand.class)
final class DemoCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    private static final int CONTRAST_TALES = 64;

    @Option(names = "--samples", paramLabel = "N", description = "Tales generated per steering strength (default: 32).")
    private int samples = 32;

    @Option(names = "--scale", paramLabel = "S",
            description = "Steering strength: the vector is added times -S, 0 and +S (default: 6).")
    private float scale = 6f;

    @Option(names = "--layer", paramLabel = "L",
            description = "Block whose hook_resid_post is steered (default: the last).")
    private Integer layer;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sampled tales (default: 7).")
    private long seed = 7;

    @Option(names = "--save-model", paramLabel = "DIR",
            description = "Also write the embedded model folder here, for the other commands.")
    private Path saveModel;

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (samples < 1) {
            throw new UserError("--samples must be at least 1");
        }
        long start = System.nanoTime();
        try (LanguageModel model = DefaultModel.load()) {
            int layers = model.config().numLayers();
            int steered = layer != null ? layer : layers - 1;
            if (steered < 0 || steered >= layers) {
                throw new UserError("--layer must be between 0 and " + (layers - 1) + ", got " + steered);
            }
            Tokenizer tokenizer = model.tokenizer();
            Generator generator = new Generator(model.transformer());
            System.out.printf(Locale.ROOT, "The embedded default model: %s, %s parameters, %d layers, %,d tokens,"
                    + " trained by `rein train lm` on Rein's story corpus.%n%n",
                            model.config().family().name().toLowerCase(Locale.ROOT),
                    CheckpointReport.count(model.transformer().weights().parameterCount()), layers,
                            model.config().vocabSize());

            int[] prompt = tokenizer.encode("");                                           // just BOS
            GeneratedSequence tale = generator.generate(prompt, sampling(model, seed, 1),
                    GenerationOptions.NONE).getFirst();
            String text = tokenizer.decode(tale.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS);
            System.out.printf(Locale.ROOT, "1. A tale sampled from the model (seed %d):%n%n%s%n%n   %s%n%n", seed,
                    TextWrap.indent(text, 3, 100), verdict(StoryChecker.checkIgnoringTruncatedEnd(text)));

            String point = HookPoints.residPost(steered);
            SteeringVector vector = SteeringVector.contrast(model.transformer(), point,
                    tales(tokenizer, Sentiment.POSITIVE), tales(tokenizer, Sentiment.NEGATIVE));
            System.out.printf(Locale.ROOT, "2. A steering vector at %s: the mean activation over %d happy tales minus"
                    + " that over %d sad ones%n   (tales from the corpus generator, whose sentiment is known), added"
                    + " at every position while generating.%n%n", point, CONTRAST_TALES, CONTRAST_TALES);

            System.out.printf(Locale.ROOT, "3. %d tales for each strength, the same seeds:%n%n", samples);
            System.out.println("   strength   happy endings   sad endings   grammatical sentences   whole tales");
            List<String> examples = new ArrayList<>();
            for (float strength : new float[] {-scale, 0, scale}) {
                var options = GenerationOptions.NONE.withHooks(vector.withScale(strength).hooksFrom(1));
                List<StoryChecker.Report> reports = new ArrayList<>();
                for (GeneratedSequence sequence : generator.generate(prompt, sampling(model, seed, samples), options)) {
                    String generated = tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS);
                    reports.add(StoryChecker.checkIgnoringTruncatedEnd(generated));
                    if (sequence.sample() == 0) {
                        examples.add(generated);
                    }
                }
                System.out.printf(Locale.ROOT, "   %+8.1f   %12.0f%%   %10.0f%%   %20.0f%%   %10.0f%%%n", strength,
                        100 * share(reports, r -> r.sentiment().orElse(null) == Sentiment.POSITIVE),
                        100 * share(reports, r -> r.sentiment().orElse(null) == Sentiment.NEGATIVE),
                        100 * reports.stream().mapToDouble(StoryChecker.Report::grammaticalFraction).average().orElse(0),
                        100 * share(reports, StoryChecker.Report::isTale));
            }
            System.out.printf(Locale.ROOT,
                    "%n   The first seed steered toward sad (%+.1f):%n%n%s%n%n   and toward happy (%+.1f):%n%n%s%n%n",
                    -scale, TextWrap.indent(examples.get(0), 3, 100), scale, TextWrap.indent(examples.get(2), 3, 100));
            if (saveModel != null) {
                DefaultModel.copyTo(saveModel);
                System.out.println("The model folder is in " + saveModel + ": try ./rein generate --model " + saveModel
                        + " --prompt \"Once upon a time\"");
            }
            System.out.printf(Locale.ROOT, "Done in %.1f s. The library calls behind each step are in docs/demo.md.%n",
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** The demo's sampling: temperature 0.8, up to 250 new tokens (tales end with EOS well before). */
    static SamplingSettings sampling(LanguageModel model, long seed, int count) {
        return SamplingSettings.builder(model.generationConfig(), model.config().specialTokens())
                .sample().temperature(0.8).maxNewTokens(250).seed(seed).numReturnSequences(count).build();
    }

    /** Token ids (BOS first) of corpus tales of one sentiment, half polite and half rude. */
    private static List<int[]> tales(Tokenizer tokenizer, Sentiment sentiment) {
        List<int[]> tales = new ArrayList<>();
        for (int i = 0; i < CONTRAST_TALES; i++) {
            Politeness politeness = i % 2 == 0 ? Politeness.POLITE : Politeness.RUDE;
            tales.add(tokenizer.encode(StoryGenerator.story(1000 + i, sentiment, politeness, 6 + i % 6).text()));
        }
        return tales;
    }

    private static String verdict(StoryChecker.Report report) {
        return String.format(Locale.ROOT,
                "The grammar's checker: %d of %d sentences are sentences it writes; %s; ending: %s.",
                report.grammatical(), report.sentences().size(), report.isTale() ? "a whole tale" : "not a whole tale",
                report.sentiment().map(s -> s == Sentiment.POSITIVE ? "happy" : "sad").orElse("none"));
    }

    private static double share(List<StoryChecker.Report> reports, Predicate<StoryChecker.Report> test) {
        return reports.stream().filter(test).count() / (double) reports.size();
    }
}
