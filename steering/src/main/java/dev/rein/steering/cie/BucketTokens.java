package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import java.util.Map;

/**
 * The bucket baseline ({@link LengthMethod#BUCKETS}) on one tokenizer: the token of the length's bucket
 * ({@link LengthBuckets}) at the end of the instruction, where CIE puts its placeholder, taken out as a control at
 * the bucket's maximum, which is the bucket table's row 0, a learned embedding.
 */
public record BucketTokens(LengthBuckets buckets, CieTemplate template, PlaceholderTokens placeholders)
        implements LengthControl {
    @Override
    public LengthMethod method() {
        return LengthMethod.BUCKETS;
    }

    @Override
    public ControlledExample example(CieRow row, String where) {
        ControlSignal bucket = buckets.bucketOf(row.length());
        LmExample example = template.example(row.instruction() + bucket.placeholder(), row.answer());
        ControlledTokens taken = placeholders.take(example.ids(), Map.of(bucket.name(), bucket.max()), where);
        return new ControlledExample(new LmExample(taken.ids(), example.labels()), taken.controls());
    }

    /** The prompt with the token of the bucket of {@code words} rounded to a whole number. */
    @Override
    public ControlledTokens prompt(String instruction, double words, String where) {
        ControlSignal bucket = buckets.bucketOf((int) Math.round(words));
        return placeholders.take(template.prompt(instruction + bucket.placeholder()),
                Map.of(bucket.name(), bucket.max()), where);
    }
}
