package dev.rein.spark;

/**
 * One generated row as an evaluation reads it on the driver.
 *
 * @param key    the row's key (its index or key column), which groups a prompt's samples
 * @param prompt the prompt
 * @param text   the continuation
 * @param sample which of the prompt's samples
 * @param target the row's target (CIE: words asked for), or null when the evaluation needs none
 */
public record EvaluatedRow(Object key, String prompt, String text, int sample, Object target) {
}
