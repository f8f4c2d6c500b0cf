package dev.rein.steering.cogsteer;

/**
 * One row of a classification task: a text and its class, 0 to k − 1.
 *
 * @param text  what the classifier reads
 * @param label its class
 */
public record LabelledText(String text, int label) {
    /** @throws IllegalArgumentException when the text is null or the label negative */
    public LabelledText {
        if (text == null) throw new IllegalArgumentException("a row needs a text");
        if (label < 0) throw new IllegalArgumentException("a class label is 0 or more, got " + label);
    }
}
