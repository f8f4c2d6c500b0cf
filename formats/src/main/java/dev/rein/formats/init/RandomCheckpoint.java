package dev.rein.formats.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.safetensors.CheckpointWriter;
import dev.rein.formats.safetensors.StreamedTensor;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model folder with seeded random weights for any config.json Rein reads ({@code rein init}): the config, with
 * its dtype set to the one written, and every tensor {@link ParameterLayout} lists, filled as Hugging Face's
 * {@code _init_weights} fills a fresh model: normal with mean 0 and the config's {@code initializer_range} (0.02
 * when absent) as standard deviation for embeddings and projections, 0 for biases, and 1 for norm weights (0 for
 * the Gemma families, whose RMSNorm multiplies by 1 + weight). Benchmarks and tests get real-sized models this way
 * without downloading any.
 *
 * <p>The same config, seed and dtype give byte-identical files; a tensor's values depend only on the seed, its
 * name and the standard deviation (see {@link NormalTensor}). Tensors are drawn while they are written, batch by
 * batch into one scratch segment of at most 16 MiB, so memory stays small whatever the model's size. Weights
 * above {@link #MAX_SHARD_BYTES} are split into shards as Hugging Face splits them.
 */
public final class RandomCheckpoint {
    /** Hugging Face's default {@code max_shard_size} ("5GB"): Llama 3.2 1B in BF16 stays one file, as published. */
    public static final long MAX_SHARD_BYTES = 5_000_000_000L;
    /** The standard deviation Hugging Face's configs default {@code initializer_range} to. */
    public static final double DEFAULT_INITIALIZER_RANGE = 0.02;
    private static final String INITIALIZER_RANGE = "initializer_range";
    private static final String F32_NAME = "float32";
    private static final String BF16_NAME = "bfloat16";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig config;
    private final double initializerRange;
    private final List<ParameterSpec> layout;

    private RandomCheckpoint(ModelConfig config, double initializerRange) {
        this.config = config;
        this.initializerRange = initializerRange;
        this.layout = ParameterLayout.of(config);
    }

    /**
     * What {@link #write} wrote.
     *
     * @param parameters elements in all tensors
     * @param bytes      bytes of all files written, config.json included
     * @param files      the weight files (the index last when sharded), then config.json
     */
    public record Summary(Path folder, long parameters, long bytes, DType dtype, List<Path> files) {
        public Summary {
            files = List.copyOf(files);
        }
    }

    /**
     * Reads the config a checkpoint is to be made for.
     *
     * @throws FormatException when the config is malformed (see {@link ModelConfig#read}), its {@code
     *                         initializer_range} is not a positive number, or it is a multimodal Gemma 3 config
     *                         (whose vision weights Rein does not know)
     * @throws IOException     when the file cannot be read
     */
    public static RandomCheckpoint forConfig(Path configJson) throws IOException {
        ModelConfig config = ModelConfig.read(configJson);
        JsonFields fields = JsonFields.of(configJson, "", config.raw());
        if (config.modelType().equals("gemma3")) {
            throw fields.error("model_type", "\"gemma3\" is a multimodal config; random checkpoints hold the "
                    + "language model alone: use its text_config as a config of model_type \"gemma3_text\"");
        }
        double range = fields.number(INITIALIZER_RANGE, DEFAULT_INITIALIZER_RANGE);
        if (!Double.isFinite(range) || range <= 0) {
            throw fields.error(INITIALIZER_RANGE, "expected a positive standard deviation, found " + range);
        }
        return new RandomCheckpoint(config, range);
    }

    public ModelConfig config() {
        return config;
    }

    /** The standard deviation of the normal weights. */
    public double initializerRange() {
        return initializerRange;
    }

    /** Elements in all tensors of the model. */
    public long parameters() {
        return layout.stream().mapToLong(ParameterSpec::numel).sum();
    }

    /** The dtype the config was saved in when that is F32 or BF16, else F32. */
    public DType defaultDType() {
        return config.dtype().filter(BF16_NAME::equals).isPresent() ? DType.BF16 : DType.F32;
    }

    /** Writes with Hugging Face's default shard size; see {@link #write(Path, long, DType, long)}. */
    public Summary write(Path folder, long seed, DType dtype) throws IOException {
        return write(folder, seed, dtype, MAX_SHARD_BYTES);
    }

    /**
     * Writes config.json and the weights into {@code folder} (created if needed), replacing a checkpoint already
     * there (other files are left alone). The weights are written first, config.json last.
     *
     * @param dtype         F32 or BF16
     * @param maxShardBytes the most tensor bytes one weight file holds (see {@link CheckpointWriter})
     * @throws IllegalArgumentException for another dtype or a shard size that is not positive
     */
    public Summary write(Path folder, long seed, DType dtype, long maxShardBytes) throws IOException {
        FloatElements.check(dtype);
        List<Path> files;
        long largest = layout.stream().mapToLong(ParameterSpec::numel).max().orElse(0);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment scratch = arena.allocate(NormalTensor.scratchBytes(largest, dtype));
            files = new ArrayList<>(CheckpointWriter.writeStreamed(folder, tensors(seed, dtype, scratch),
                    Map.of("format", "pt"), maxShardBytes));
        }
        Path configFile = folder.resolve(ModelConfig.FILE_NAME);
        AtomicFiles.write(configFile, configJson(dtype));
        files.add(configFile);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return new Summary(folder, parameters(), bytes, dtype, files);
    }

    /** Every tensor of the layout, drawing into {@code scratch} in turn as the writer takes them one by one. */
    private Map<String, StreamedTensor> tensors(long seed, DType dtype, MemorySegment scratch) {
        float normWeight = config.family().isGemma() ? 0f : 1f;       // Gemma's RMSNorm scales by (1 + weight)
        Map<String, StreamedTensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : layout) {
            int[] shape = spec.shape();
            tensors.put(spec.name(), switch (spec.role().init()) {
                case NORMAL -> new NormalTensor(seed, spec.name(), initializerRange, dtype, shape, scratch);
                case ZEROS -> new ConstantTensor(0f, dtype, shape, scratch);
                case NORM_WEIGHT -> new ConstantTensor(normWeight, dtype, shape, scratch);
            });
        }
        return tensors;
    }

    /** The config as read, with {@code torch_dtype} (and {@code dtype}, when present) naming {@code dtype}. */
    private byte[] configJson(DType dtype) throws IOException {
        ObjectNode json = config.raw().deepCopy();
        json.put("torch_dtype", hfName(dtype));
        if (json.has("dtype")) {
            json.put("dtype", hfName(dtype));
        }
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** PyTorch's name of an F32 or BF16 dtype, as config.json writes it. */
    private static String hfName(DType dtype) {
        return dtype == DType.BF16 ? BF16_NAME : F32_NAME;
    }
}
