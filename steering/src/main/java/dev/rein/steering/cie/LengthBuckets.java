package dev.rein.steering.cie;

import dev.rein.autograd.Variable;
import dev.rein.data.lm.LmExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CIE's discrete-token baseline: the length as one of a few bucket tokens ({@code <len_1-20>}, {@code <len_21-40>},
 * …), each a new token with a learned embedding, appended to the instruction where CIE puts its placeholder.
 * Rein never resizes a model's embeddings, so each bucket is a {@link ControlSignal} of its own whose value is
 * always its maximum: the injection puts row 0 of the bucket's table at the token (row 1 is never used), which is
 * exactly a learned embedding row. {@link PlaceholderTokens}, {@link ControlInjection}, {@link CieTrainer} and
 * {@link ControlledGeneration} thus serve this baseline as they serve CIE.
 */
public final class LengthBuckets {
    /** The bucket width of the paper's comparison, in words. */
    public static final int DEFAULT_WIDTH = 20;
    private final int width;
    private final List<ControlSignal> signals = new ArrayList<>();

    /**
     * Buckets of {@code width} words covering 1..{@code most}; shorter lengths go to the first, longer to the last.
     *
     * @throws IllegalArgumentException when the width or the longest length is below 1
     */
    public LengthBuckets(int width, int most) {
        if (width < 1 || most < 1) {
            throw new IllegalArgumentException("buckets need a width and a longest length of at least 1, got "
                    + width + " and " + most);
        }
        this.width = width;
        for (int low = 1; low <= most; low += width) {
            String range = low + "-" + (low + width - 1);
            signals.add(new ControlSignal("length_" + range, "<len_" + range + ">", 0, 1));
        }
    }

    /** One signal per bucket, shortest first; add their placeholders with {@link PlaceholderTokens#add}. */
    public List<ControlSignal> signals() {
        return List.copyOf(signals);
    }

    /** The bucket of a length of {@code words}. */
    public ControlSignal bucketOf(int words) {
        return signals.get(Math.clamp((Math.max(words, 1) - 1) / width, 0, signals.size() - 1));
    }

    /** One table per bucket at the scale of the model's token embeddings, seeds {@code seed}, {@code seed + 1}, …. */
    public List<ControlTable> tablesLike(Variable embeddings, long seed) {
        List<ControlTable> tables = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            tables.add(ControlTable.initializedLike(signals.get(i), embeddings, seed + i));
        }
        return tables;
    }

    /** The row as a training example, its length's bucket token after the instruction. */
    public ControlledExample example(CieTemplate template, PlaceholderTokens placeholders, CieRow row, String where) {
        ControlSignal bucket = bucketOf(row.length());
        LmExample example = template.example(row.instruction() + bucket.placeholder(), row.answer());
        ControlledTokens taken = placeholders.take(example.ids(), Map.of(bucket.name(), bucket.max()), where);
        return new ControlledExample(new LmExample(taken.ids(), example.labels()), taken.controls());
    }

    /** The prompt asking for {@code words} words through their bucket's token. */
    public ControlledTokens prompt(CieTemplate template, PlaceholderTokens placeholders, String instruction,
                                  int words, String where) {
        ControlSignal bucket = bucketOf(words);
        return placeholders.take(template.prompt(instruction + bucket.placeholder()),
                Map.of(bucket.name(), bucket.max()), where);
    }
}
