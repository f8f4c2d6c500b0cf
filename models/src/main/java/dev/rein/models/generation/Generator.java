package dev.rein.models.generation;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Autoregressive generation with a KV cache, for one prompt or a batch. Prompts of different lengths are padded on
 * the left, hidden from attention and numbered from position 0 at their first real token, so each row computes what
 * it would alone. The prompts go through the model in one pass; then every step feeds each row's newest token,
 * turns the last logits into the next token with the {@link LogitsPipeline}, and ends rows by their
 * {@link StopCondition}. Each sequence draws from its own generator ({@link RowRandom}: the settings' seed and the
 * sequence's index among its prompt's {@code numReturnSequences}), so a prompt gives the same tokens batched or
 * alone.
 *
 * <p>Where the backend keeps a model on its device between steps (a {@link StepDecoderProvider}, e.g. TornadoVM's),
 * each sequence is decoded in turn through one of its {@link StepDecoder}s instead, prompt included, a token at a
 * time; the tokens are the same. A request with hooks, or a model such a decoder cannot take, goes through the
 * batched forward passes on the backend, and the user is told so once on stderr.
 */
public final class Generator {
    private final Transformer model;
    private final Optional<StepDecoderProvider> stepDecoders;
    private final BatchForward forward;

    /** Generates with {@code model}, through the current backend's step decoders where it has them. */
    public Generator(Transformer model) {
        this(model, StepDecoders.forCurrentBackend());
    }

    /** Generates with {@code model}, through {@code stepDecoders}' decoders where a request allows. */
    public Generator(Transformer model, Optional<StepDecoderProvider> stepDecoders) {
        this.model = model;
        this.stepDecoders = stepDecoders;
        this.forward = BatchForward.plain(model);
    }

    /** Generates with {@code model}'s vocabulary through {@code forward}'s passes, always batched. */
    public Generator(Transformer model, BatchForward forward) {
        this.model = model;
        this.stepDecoders = Optional.empty();
        this.forward = forward;
    }

    /** Generates for one prompt; see {@link #generate(List, SamplingSettings, GenerationOptions)}. */
    public List<GeneratedSequence> generate(int[] prompt, SamplingSettings settings, GenerationOptions options) {
        return generate(List.of(prompt), settings, options);
    }

    /**
     * Generates {@code settings.numReturnSequences()} sequences for every prompt, in one batch.
     *
     * @return the sequences, prompt by prompt and sample by sample (the row numbers the listener receives)
     * @throws IllegalArgumentException when a prompt is empty or holds an id outside the vocabulary, or when there
     *                                  are stop strings but no text decoder to find them in
     */
    public List<GeneratedSequence> generate(List<int[]> prompts, SamplingSettings settings, GenerationOptions options) {
        long[] seeds = new long[prompts.size()];
        Arrays.fill(seeds, settings.seed());
        return generate(prompts, seeds, settings, options);
    }

    /**
     * As {@link #generate(List, SamplingSettings, GenerationOptions)}, but prompt {@code p} draws with its own seed
     * {@code seeds[p]} instead of the settings' (its sample {@code s} from {@code RowRandom.forRow(seeds[p], s)}), so
     * each prompt gives the tokens it would alone with {@code settings.seed() == seeds[p]}, whatever shares its batch:
     * what rows keyed by a seed of their own need (a Spark partition decoded in batches).
     *
     * @throws IllegalArgumentException as the other overload, or when there is not one seed per prompt
     */
    public List<GeneratedSequence> generate(List<int[]> prompts, long[] seeds, SamplingSettings settings,
                                            GenerationOptions options) {
        if (seeds.length != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + seeds.length + " seeds");
        }
        if (!settings.stopStrings().isEmpty() && options.textDecoders() == null) {
            throw new IllegalArgumentException("stop strings " + settings.stopStrings() + " are found in the"
                    + " generated text, which needs the tokenizer: generate through LanguageModel.generate, or pass"
                    + " GenerationOptions.withStopStringsDecodedBy(tokenizer)");
        }
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            int[] prompt = checked(prompts.get(p), p);
            for (int s = 0; s < settings.numReturnSequences(); s++) {
                rows.add(new Row(p, s, prompt, seeds[p], settings, options));
            }
        }
        LogitsPipeline pipeline = LogitsPipeline.of(settings, options.processors());
        if (stepDecoders.isEmpty() || rows.isEmpty() || !decodedInTurn(stepDecoders.get(), rows, pipeline, options)) {
            decodeBatched(rows, pipeline, options);
        }
        return rows.stream().map(Row::result).toList();
    }

    /** The prompts in one forward pass, then one pass per step for every row still going. */
    private void decodeBatched(List<Row> rows, LogitsPipeline pipeline, GenerationOptions options) {
        int longest = rows.stream().mapToInt(row -> row.prompt.length).max().orElse(0);
        int steps = rows.stream().mapToInt(row -> row.limit).max().orElse(0);
        BatchForward.Passes passes = forward.open(rows.size(), longest + steps, options.hooks());
        Tensor logits = passes.logits(promptBatch(rows, longest));                       // [B, 1, V]
        int cached = longest;
        while (true) {
            for (int b = 0; b < rows.size(); b++) {
                Row row = rows.get(b);
                if (row.reason == null) {
                    int next = pipeline.next(row.history, logits.select(0, b).reshape(-1).toFloatArray(), row.random);
                    row.accept(next);
                    options.listener().onToken(b, next);
                }
            }
            if (rows.stream().allMatch(row -> row.reason != null)) {
                break;
            }
            logits = passes.logits(stepBatch(rows, cached++));
        }
    }

    /**
     * Decodes the rows one after another through one decoder; false, having decoded nothing, when the request has
     * hooks or the decoder cannot take the model.
     */
    private boolean decodedInTurn(StepDecoderProvider provider, List<Row> rows, LogitsPipeline pipeline,
                                  GenerationOptions options) {
        if (!options.hooks().isEmpty()) {
            StepDecoders.tellFallback("hooks run only in the model's forward pass");
            return false;
        }
        StepDecoder decoder;
        try {
            decoder = provider.open(model, rows.stream().mapToInt(Row::capacity).max().orElseThrow());
        } catch (IllegalArgumentException e) {
            StepDecoders.tellFallback(e.getMessage());
            return false;
        }
        try (decoder) {
            for (int b = 0; b < rows.size(); b++) {
                decoder.reset();
                decodeRow(b, rows.get(b), decoder, pipeline, options.listener());
            }
        }
        return true;
    }

    /** The row's prompt a token at a time, then a token per step until the row stops. */
    private static void decodeRow(int index, Row row, StepDecoder decoder, LogitsPipeline pipeline,
                                  TokenListener listener) {
        float[] logits = null;
        for (int id : row.prompt) {
            logits = decoder.next(id);
        }
        while (true) {
            int next = pipeline.next(row.history, logits, row.random);
            row.accept(next);
            listener.onToken(index, next);
            if (row.reason != null) {
                return;
            }
            logits = decoder.next(next);
        }
    }

    /** All prompts, left-padded to the longest; [B, longest]. */
    private TokenBatch promptBatch(List<Row> rows, int longest) {
        TokenBatch batch = TokenBatch.leftPadded(rows.stream().map(row -> row.prompt).toList());
        for (int r = 0; r < rows.size(); r++) {
            rows.get(r).padding = batch.padding() == null ? new boolean[longest] : batch.padding()[r];
        }
        return batch;
    }

    /**
     * Each row's newest token at its position; a finished row feeds its last token again as padding, which no other
     * position attends to and whose output is ignored.
     */
    private TokenBatch stepBatch(List<Row> rows, int cached) {
        int b = rows.size();
        long[] ids = new long[b];
        long[] positions = new long[b];
        boolean[][] padding = new boolean[b][];
        boolean padded = false;
        for (int r = 0; r < b; r++) {
            Row row = rows.get(r);
            ids[r] = row.history.get(row.history.length() - 1);
            positions[r] = row.history.length() - 1L;
            row.padding = Arrays.copyOf(row.padding, cached + 1);
            row.padding[cached] = row.reason != null;
            padding[r] = row.padding;
            padded |= hasPadding(row.padding);
        }
        return new TokenBatch(Tensor.ofLongs(ids, b, 1), Tensor.ofLongs(positions, b, 1), padded ? padding : null);
    }

    private static boolean hasPadding(boolean[] padding) {
        for (boolean p : padding) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    private int[] checked(int[] prompt, int index) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt " + index + " is empty; give at least one token (e.g. BOS)");
        }
        int vocab = model.config().vocabSize();
        for (int id : prompt) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("prompt " + index + " holds token id " + id
                        + ", outside the vocabulary [0, " + vocab + ")");
            }
        }
        return prompt.clone();
    }

    /** The state of one generated sequence. */
    private static final class Row {
        final int promptIndex;
        final int sample;
        final int[] prompt;
        final TokenSequence history;
        final StopCondition stop;
        final RandomGenerator random;
        final int limit;
        final List<Integer> generated = new ArrayList<>();
        boolean[] padding;
        StopReason reason;

        Row(int promptIndex, int sample, int[] prompt, long seed, SamplingSettings settings,
            GenerationOptions options) {
            this.promptIndex = promptIndex;
            this.sample = sample;
            this.prompt = prompt;
            this.history = new TokenSequence(prompt);
            this.limit = settings.newTokenLimit(prompt.length);
            this.stop = StopCondition.forRow(settings, prompt.length,
                    options.textDecoders() == null ? null : options.textDecoders().get());
            this.random = RowRandom.forRow(seed, sample);
        }

        /** Positions a decoder is fed for this row: the prompt and every generated token but the last. */
        int capacity() {
            return prompt.length + limit - 1;
        }

        void accept(int token) {
            history.append(token);
            generated.add(token);
            Optional<StopReason> stopped = stop.accept(token);
            reason = stopped.orElse(null);
        }

        GeneratedSequence result() {
            return new GeneratedSequence(promptIndex, sample, prompt,
                    generated.stream().mapToInt(Integer::intValue).toArray(), reason);
        }
    }
}
