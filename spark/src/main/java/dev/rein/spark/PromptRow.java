package dev.rein.spark;

/**
 * One row to generate for, as a partition hands it over: its prompt (null when the row has none) and its seed, or
 * the reason the row cannot run.
 *
 * @param prompt the prompt text, null when missing
 * @param seed   the row's seed ({@link RowSeeds})
 * @param error  why the row cannot run (e.g. its key is missing), or null
 */
public record PromptRow(String prompt, long seed, String error) {

    /** A row to generate for. */
    public static PromptRow of(String prompt, long seed) {
        return new PromptRow(prompt, seed, null);
    }
}
