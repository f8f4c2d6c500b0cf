package dev.rein.data.lm;

/**
 * How a prompt and its answer become tokens, one rendering for training and generation alike: the prompt is what
 * generation continues, the example is the prompt followed by the answer with labels on the answer only. CIE renders
 * its instructions this way and DPH its preference pairs.
 */
public interface PromptAnswerFormat {
    /** The prompt generation continues: everything before the answer. */
    int[] prompt(String userText);

    /** The prompt, the answer and its end-of-turn token; labels on the answer and that token only. */
    LmExample example(String userText, String answer);
}
