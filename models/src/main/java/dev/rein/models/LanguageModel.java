package dev.rein.models;

import dev.rein.autograd.NoGrad;
import dev.rein.formats.FormatException;
import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.gguf.GgufCheckpoint;
import dev.rein.formats.gguf.GgufFile;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.llama2c.Llama2cCheckpoint;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.Sampling;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.CachedRun;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.models.transformer.WeightLoader;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.GgufTokenizer;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A model ready to run, and the front door of the library: the transformer, its tokenizer and its generation
 * defaults, with text in and text out. Owns the memory-mapped weight files until {@link #close}.
 * <pre>
 * try (LanguageModel model = LanguageModel.load("default")) {              // or a folder, or "org/name"
 *     String tale = model.generate("Once upon a time", Sampling.greedy().maxNewTokens(40));
 *     String happier = model.generate("Once upon a time", Sampling.greedy().maxNewTokens(40),
 *             new Hooks().addToResidual(3, direction, 4f));                 // steered at block 3
 *     CachedRun run = model.runWithCache("Once upon a time", point -> point.endsWith("hook_resid_post"));
 * }
 * </pre>
 * Below it, {@link #transformer()} is the model itself (token ids to logits, hooks, KV cache) and
 * {@link Generator} the decoding loop, for callers that work with ids.
 */
public final class LanguageModel implements AutoCloseable {
    private final Transformer transformer;
    private final Tokenizer tokenizer;
    private final GenerationConfig generationConfig;
    private final Runnable releaseWeights;
    private final Path source;

    /**
     * @param tokenizer      null when the model has none (then only token ids can be given)
     * @param releaseWeights unmaps the weight files; run once by {@link #close}
     * @param source         the folder or file the model was read from, named in messages
     */
    public LanguageModel(Transformer transformer, Tokenizer tokenizer, GenerationConfig generationConfig,
                         Runnable releaseWeights, Path source) {
        this.source = source;
        this.transformer = transformer;
        this.tokenizer = tokenizer;
        this.generationConfig = generationConfig;
        this.releaseWeights = releaseWeights;
    }

    /**
     * Loads the model a user names: {@code default} (the embedded default model), a folder or llama2.c file, or a
     * Hugging Face Hub id {@code org/name[@revision]} (see {@link ModelReference}).
     */
    public static LanguageModel load(String reference) throws IOException {
        return load(ModelReference.parse(reference).resolve());
    }

    /** The model embedded in Rein's jar: a small story-telling Llama that needs no download ({@link DefaultModel}). */
    public static LanguageModel loadDefault() {
        return DefaultModel.load();
    }

    /**
     * Loads a Hugging Face model folder (config.json, the safetensors weights, single or sharded, tokenizer.json
     * and generation_config.json when present), a GGUF file (llama.cpp's format, with its tokenizer and chat
     * template; quantised weights stay quantised in memory, see {@link GgufCheckpoint}) or a llama2.c checkpoint
     * file ({@code .bin}; its tokenizer is a separate file, so the model comes without one).
     *
     * @throws FormatException naming the file and field when a file is missing or malformed
     * @throws IOException     when a file cannot be read
     */
    public static LanguageModel load(Path folder) throws IOException {
        return load(folder, spec -> false);
    }

    /**
     * Loads a model as {@link #load(Path)} does, to train the weights {@code trainable} selects: those become F32
     * parameters, the others stay frozen constants (see {@link WeightLoader#loadTrainable}).
     */
    public static LanguageModel load(Path folder, Predicate<ParameterSpec> trainable) throws IOException {
        if (GgufFile.isGgufFile(folder) || folder.toString().endsWith(GgufFile.EXTENSION)
                && Files.isRegularFile(folder)) {
            return loadGguf(folder, trainable);
        }
        if (Llama2cCheckpoint.isLlama2cFile(folder)) {
            Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(folder);
            Transformer transformer = new Transformer(checkpoint.config(),
                    WeightLoader.loadTrainable(checkpoint.config(), checkpoint, trainable));
            return new LanguageModel(transformer, null, GenerationConfig.EMPTY, checkpoint::close, folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new FormatException(folder, null, Files.exists(folder)
                    ? "expected a model folder holding config.json and model.safetensors, a .gguf file or a llama2.c "
                            + ".bin file"
                    : "no such file or folder");
        }
        ModelConfig config = ModelConfig.readFolder(folder);
        Checkpoint checkpoint = Checkpoint.open(folder);
        try {
            Transformer transformer = new Transformer(config, WeightLoader.loadTrainable(config, checkpoint, trainable));
            Tokenizer tokenizer = Files.isRegularFile(folder.resolve(Tokenizer.FILE_NAME)) ? Tokenizer.load(folder) : null;
            return new LanguageModel(transformer, tokenizer, GenerationConfig.readIfPresent(folder), checkpoint::close,
                    folder);
        } catch (RuntimeException | IOException e) {
            checkpoint.close();
            throw e;
        }
    }

    private static LanguageModel loadGguf(Path file, Predicate<ParameterSpec> trainable) throws IOException {
        GgufCheckpoint checkpoint = GgufCheckpoint.open(file);
        try {
            ModelConfig config = checkpoint.config();
            Transformer transformer = new Transformer(config,
                    WeightLoader.loadTrainable(config, checkpoint, trainable));
            Tokenizer tokenizer = GgufTokenizer.present(checkpoint.file().metadata())
                    ? GgufTokenizer.read(file, checkpoint.file().metadata()) : null;
            return new LanguageModel(transformer, tokenizer, GenerationConfig.EMPTY, checkpoint::close, file);
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    public Transformer transformer() {
        return transformer;
    }

    public ModelConfig config() {
        return transformer.config();
    }

    /**
     * The tokenizer.
     *
     * @throws IllegalStateException when the model has none (a llama2.c file, a folder without tokenizer.json)
     */
    public Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException(source + " has no tokenizer.json: give token ids, or load a folder"
                    + " with a tokenizer (llama2.c tokenizers load with Llama2cTokenizer)");
        }
        return tokenizer;
    }

    /** Whether the model came with a tokenizer, so that the methods taking text can be used. */
    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /** The folder's generation_config.json ({@link GenerationConfig#EMPTY} when it has none). */
    public GenerationConfig generationConfig() {
        return generationConfig;
    }

    /** The folder or file the model was read from. */
    public Path source() {
        return source;
    }

    /** This model's generation defaults (its generation_config.json and EOS ids) as explicit settings. */
    public Sampling sampling() {
        return Sampling.of(Sampling.modelDefaults().resolve(generationConfig, config().specialTokens()));
    }

    /** The continuation of {@code prompt} (encoded with the tokenizer's special tokens, e.g. BOS), as text. */
    public String generate(String prompt, Sampling sampling) {
        return generate(prompt, sampling, Hooks.none());
    }

    /**
     * The continuation of {@code prompt} with {@code hooks} reading or editing activations in the prompt pass
     * and at every step, as text: special tokens left out, cut before a stop string.
     */
    public String generate(String prompt, Sampling sampling, Hooks hooks) {
        return complete(List.of(prompt), sampling, hooks).getFirst().text();
    }

    /**
     * Every continuation of every prompt ({@link Sampling#samples} per prompt), in one padded batch: prompt by
     * prompt, sample by sample.
     */
    public List<Completion> complete(List<String> prompts, Sampling sampling, Hooks hooks) {
        Tokenizer tokens = tokenizer();
        List<int[]> ids = prompts.stream().map(tokens::encode).toList();
        SamplingSettings settings = sampling.resolve(generationConfig, config().specialTokens());
        GenerationOptions options = GenerationOptions.NONE.withHooks(hooks).withStopStringsDecodedBy(tokens);
        return new Generator(transformer).generate(ids, settings, options).stream()
                .map(sequence -> Completion.of(tokens, sequence)).toList();
    }

    /** The logits [T, V] at every position of {@code text} (encoded with the tokenizer's special tokens). */
    public Tensor logits(String text) {
        return forward(text, Hooks.none(), new ActivationCache()).logits();
    }

    /**
     * One forward pass over {@code text} that records the activation at every hook point {@code points} accepts
     * (by name, e.g. {@code p -> p.endsWith("hook_resid_post")}; see {@link Transformer#hookPoints()}).
     */
    public CachedRun runWithCache(String text, Predicate<String> points) {
        ActivationCache cache = new ActivationCache();
        return forward(text, new Hooks().cache(cache, points), cache);
    }

    /** The encoded text through the model with {@code hooks}, no gradients; {@code cache} is what they record into. */
    private CachedRun forward(String text, Hooks hooks, ActivationCache cache) {
        int[] ids = tokenizer().encode(text);
        try (NoGrad scope = NoGrad.enter()) {
            Tensor logits = transformer.forward(TokenBatch.of(ids), hooks).value();            // [1, T, V]
            return new CachedRun(ids, logits.reshape(ids.length, config().vocabSize()), cache);
        }
    }

    @Override
    public void close() {
        releaseWeights.run();
    }
}
