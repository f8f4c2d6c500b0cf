package dev.rein.steering.cie;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIE's discrete-token baseline: the length as one of a few bucket tokens ({@code <len_1-20>}, {@code <len_21-40>},
 * …), each a new token with a learned embedding, appended to the instruction where CIE puts its placeholder.
 * Rein never resizes a model's embeddings, so each bucket is a {@link ControlSignal} of its own whose value is
 * always its maximum: the injection puts row 0 of the bucket's table at the token (row 1 is never used), which is
 * exactly a learned embedding row. {@link PlaceholderTokens}, {@link ControlInjection}, {@link CieTrainer} and
 * {@link ControlledGeneration} thus serve this baseline as they serve CIE; {@link BucketTokens} renders its rows and
 * prompts.
 */
public final class LengthBuckets {
    /** The bucket width of the paper's comparison, in words. */
    public static final int DEFAULT_WIDTH = 20;
    /** The first bucket's signal name, which gives the width. */
    private static final Pattern FIRST = Pattern.compile("length_1-(\\d{1,6})");
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

    /**
     * The buckets whose signals are {@code saved} (as {@link #signals} made them, e.g. read back from a folder of
     * tables).
     *
     * @throws IllegalArgumentException when they are not the signals of buckets of one width from 1 up
     */
    public static LengthBuckets matching(List<ControlSignal> saved) {
        Matcher first = FIRST.matcher(saved.isEmpty() ? "" : saved.getFirst().name());
        if (first.matches() && Integer.parseInt(first.group(1)) > 0) {
            int width = Integer.parseInt(first.group(1));
            LengthBuckets buckets = new LengthBuckets(width, saved.size() * width);
            if (buckets.signals.equals(saved)) {
                return buckets;
            }
        }
        throw new IllegalArgumentException("the signals " + saved.stream().map(ControlSignal::name).toList()
                + " are not length buckets (length_1-W, length_W+1-2W, ... with placeholders <len_1-W>, ...)");
    }

    /** The width of a bucket, in words. */
    public int width() {
        return width;
    }

    /** One signal per bucket, shortest first; add their placeholders with {@link PlaceholderTokens#add}. */
    public List<ControlSignal> signals() {
        return List.copyOf(signals);
    }

    /** The bucket of a length of {@code words}. */
    public ControlSignal bucketOf(int words) {
        return signals.get(Math.clamp((Math.max(words, 1) - 1) / width, 0, signals.size() - 1));
    }
}
