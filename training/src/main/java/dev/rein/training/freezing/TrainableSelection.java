package dev.rein.training.freezing;

import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which weights of a model are trained; every other weight is frozen. Selects by Hugging Face tensor name (globs or
 * a regular expression), by layer index, or by role, and combines selections with {@link #and}, {@link #or} and
 * {@link #not}. Passed to {@code LanguageModel.load(folder, selection)} or {@code WeightLoader.loadTrainable}, it
 * decides at load time which tensors become F32 parameters, so frozen weights never get a gradient buffer.
 * {@link #toString()} describes the selection for logs and checkpoint state.
 */
public final class TrainableSelection implements Predicate<ParameterSpec> {
    private final Predicate<ParameterSpec> selects;
    private final String description;

    private TrainableSelection(Predicate<ParameterSpec> selects, String description) {
        this.selects = selects;
        this.description = description;
    }

    /** Every weight is trained (full fine-tuning). */
    public static TrainableSelection all() {
        return new TrainableSelection(spec -> true, "all");
    }

    /** No weight is trained (the model's own weights stay frozen, e.g. when only adapters or heads learn). */
    public static TrainableSelection none() {
        return new TrainableSelection(spec -> false, "none");
    }

    /**
     * Weights whose name matches any of the globs: {@code *} matches any run of characters (dots included) and
     * {@code ?} any one character, e.g. {@code lm_head.weight}, {@code model.layers.*.mlp.*}, {@code *norm*}.
     *
     * @throws IllegalArgumentException when no glob is given or one is empty
     */
    public static TrainableSelection names(List<String> globs) {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("give at least one name pattern");
        }
        List<Pattern> patterns = globs.stream().map(TrainableSelection::glob).toList();
        return new TrainableSelection(spec -> patterns.stream().anyMatch(p -> p.matcher(spec.name()).matches()),
                "names " + String.join(" ", globs));
    }

    /** Weights whose whole name matches the regular expression. */
    public static TrainableSelection matching(Pattern regex) {
        return new TrainableSelection(spec -> regex.matcher(spec.name()).matches(), "regex " + regex.pattern());
    }

    /** Every weight of the given decoder layers (embeddings, final norm and head belong to no layer). */
    public static TrainableSelection layers(int... layers) {
        Set<Integer> chosen = Arrays.stream(layers).boxed().collect(Collectors.toSet());
        return new TrainableSelection(spec -> chosen.contains(spec.layer()), "layers " + Arrays.toString(layers));
    }

    /** Every weight with one of the roles, in whichever layer. */
    public static TrainableSelection roles(ParameterRole first, ParameterRole... more) {
        Set<ParameterRole> chosen = EnumSet.of(first, more);
        return new TrainableSelection(spec -> chosen.contains(spec.role()), "roles " + chosen);
    }

    /** Weights both selections choose. */
    public TrainableSelection and(TrainableSelection other) {
        return new TrainableSelection(selects.and(other.selects), "(" + this + ") and (" + other + ")");
    }

    /** Weights either selection chooses. */
    public TrainableSelection or(TrainableSelection other) {
        return new TrainableSelection(selects.or(other.selects), "(" + this + ") or (" + other + ")");
    }

    /** Weights this selection does not choose. */
    public TrainableSelection not() {
        return new TrainableSelection(selects.negate(), "not (" + this + ")");
    }

    @Override
    public boolean test(ParameterSpec spec) {
        return selects.test(spec);
    }

    @Override
    public String toString() {
        return description;
    }

    private static Pattern glob(String glob) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("a name pattern must not be empty");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
