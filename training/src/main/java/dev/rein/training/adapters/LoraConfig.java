package dev.rein.training.adapters;

import java.util.HashSet;
import java.util.List;

/**
 * The settings of a LoRA adapter, named as PEFT's {@code LoraConfig} names them: each targeted projection
 * {@code y = W x} becomes {@code y = W x + scaling * B (A (dropout(x)))} with A [rank, in], B [out, rank] and
 * {@code scaling = alpha / rank} ({@code alpha / sqrt(rank)} with rsLoRA). Modules and layers are sets, as in
 * PEFT: both are kept sorted (modules without repeats), so two configs that adapt the same projections are equal.
 *
 * @param rank          r, the inner width of the update
 * @param alpha         lora_alpha
 * @param dropout       lora_dropout: the probability of zeroing an input element of the update, in training only
 * @param targetModules target_modules: Hugging Face module names, matched as PEFT matches a list: a projection is
 *                      targeted when its module name (e.g. {@code model.layers.3.self_attn.q_proj}) equals an entry
 *                      or ends with "." and the entry ({@code q_proj}, {@code self_attn.q_proj}, GPT-2's
 *                      {@code c_attn})
 * @param layers        layers_to_transform: the decoder layers to adapt; empty for all
 * @param useRslora     use_rslora: scale by alpha / sqrt(rank) instead of alpha / rank
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules, List<Integer> layers,
                         boolean useRslora) {

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be a positive finite number, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        if (targetModules.isEmpty() || targetModules.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("LoRA target modules must be non-empty names, got " + targetModules);
        }
        targetModules = targetModules.stream().distinct().sorted().toList();
        if (layers.stream().anyMatch(layer -> layer < 0) || new HashSet<>(layers).size() != layers.size()) {
            throw new IllegalArgumentException("LoRA layers must be distinct non-negative indices, got " + layers);
        }
        layers = layers.stream().sorted().toList();
    }

    /** Rank r and alpha on the given modules of every layer, without dropout or rsLoRA. */
    public static LoraConfig of(int rank, double alpha, String... targetModules) {
        return new LoraConfig(rank, alpha, 0, List.of(targetModules), List.of(), false);
    }

    public LoraConfig withDropout(double probability) {
        return new LoraConfig(rank, alpha, probability, targetModules, layers, useRslora);
    }

    /** Only these decoder layers are adapted. */
    public LoraConfig withLayers(Integer... indices) {
        return new LoraConfig(rank, alpha, dropout, targetModules, List.of(indices), useRslora);
    }

    /** The factor of the update B A: alpha / rank, or alpha / sqrt(rank) with rsLoRA. */
    public double scaling() {
        return useRslora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    /** Whether the projection named {@code moduleName} in decoder layer {@code layer} gets an update. */
    public boolean targets(String moduleName, int layer) {
        if (!layers.isEmpty() && !layers.contains(layer)) {
            return false;
        }
        return targetModules.stream().anyMatch(t -> moduleName.equals(t) || moduleName.endsWith("." + t));
    }
}
