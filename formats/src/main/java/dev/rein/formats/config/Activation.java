package dev.rein.formats.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MLP nonlinearity, read from Hugging Face's {@code hidden_act}, {@code hidden_activation} or (GPT-2)
 * {@code activation_function}. Several HF names denote the same function and map to one constant, so that each
 * function has one kernel.
 */
public enum Activation {
    /** Exact GELU, x * Phi(x) with the error function: HF {@code gelu}. */
    GELU("gelu"),
    /**
     * GELU with the tanh approximation, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): HF {@code gelu_new} (GPT-2),
     * {@code gelu_pytorch_tanh} (Gemma) and {@code gelu_fast}, which are all this formula.
     */
    GELU_TANH("gelu_new", "gelu_pytorch_tanh", "gelu_fast"),
    /** x * sigmoid(x): HF {@code silu} and its alias {@code swish}. */
    SILU("silu", "swish"),
    /** max(0, x): HF {@code relu}. */
    RELU("relu");

    private final List<String> hfNames;

    Activation(String... hfNames) {
        this.hfNames = List.of(hfNames);
    }

    /** The Hugging Face names that denote this function. */
    public List<String> hfNames() {
        return hfNames;
    }

    /** The activation a Hugging Face name denotes, or empty when Rein does not implement it. */
    public static Optional<Activation> ofHfName(String name) {
        return Arrays.stream(values()).filter(activation -> activation.hfNames.contains(name)).findFirst();
    }

    /** Every Hugging Face name Rein accepts, for error messages. */
    static List<String> supportedHfNames() {
        return Arrays.stream(values()).flatMap(activation -> activation.hfNames.stream()).toList();
    }
}
