package dev.rein.steering.cie;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The placeholders of some signals as special tokens of a tokenizer (never split; a new one gets the id after the
 * vocabulary, which the model's embedding table does not have), and how they are taken out of encoded text: each
 * placeholder id is replaced by {@link #SUBSTITUTE_ID}, a valid id whose embedding the injection overwrites, and its
 * position becomes a {@link ControlPlacement} with the signal's value.
 */
public final class PlaceholderTokens {
    /** What a placeholder id becomes before the embedding lookup (METHODS.md 1.6: never look up the placeholder). */
    public static final int SUBSTITUTE_ID = 0;

    private final Map<Integer, ControlSignal> signalsById = new LinkedHashMap<>();

    private PlaceholderTokens(List<ControlSignal> signals, int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (signalsById.put(ids[i], signals.get(i)) != null) {
                throw new IllegalArgumentException("signals " + signalsById.get(ids[i]).name() + " and "
                        + signals.get(i).name() + " share the placeholder " + signals.get(i).placeholder());
            }
        }
    }

    /** Adds the signals' placeholders to {@code tokenizer} as special tokens (the tokenizer changes). */
    public static PlaceholderTokens add(Tokenizer tokenizer, List<ControlSignal> signals) {
        return new PlaceholderTokens(signals, tokenizer.addSpecialTokens(
                signals.stream().map(ControlSignal::placeholder).toList()));
    }

    /** The id of {@code signal}'s placeholder. */
    public int idOf(ControlSignal signal) {
        return signalsById.entrySet().stream().filter(e -> e.getValue().equals(signal)).mapToInt(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no placeholder for " + signal.name()));
    }

    /**
     * {@code ids} with every placeholder replaced by {@link #SUBSTITUTE_ID}, and the controls at their positions
     * (row 0), valued by {@code values} (signal name -> value).
     *
     * @param where names the input in errors, e.g. {@code data.jsonl row 12}
     * @throws IllegalArgumentException when a signal with a value has no placeholder in the ids, or a placeholder
     *                                  has no value
     */
    public ControlledTokens take(int[] ids, Map<String, Double> values, String where) {
        int[] substituted = ids.clone();
        List<ControlPlacement> controls = new ArrayList<>();
        for (int t = 0; t < ids.length; t++) {
            ControlSignal signal = signalsById.get(ids[t]);
            if (signal == null) {
                continue;
            }
            Double value = values.get(signal.name());
            if (value == null) {
                throw new IllegalArgumentException(where + ": placeholder " + signal.placeholder()
                        + " has no value for signal " + signal.name());
            }
            substituted[t] = SUBSTITUTE_ID;
            controls.add(new ControlPlacement(0, t, signal.name(), value));
        }
        for (String name : values.keySet()) {
            if (controls.stream().noneMatch(c -> c.signal().equals(name))) {
                throw new IllegalArgumentException(where + ": no placeholder of signal " + name + " in the text");
            }
        }
        return new ControlledTokens(substituted, controls);
    }
}
