package dev.rein.lab;

/**
 * Receives generated text as it is decoded, per side of the playground ({@code plain} or {@code steered}); throwing
 * {@link Cancelled} from it stops the generation.
 */
@FunctionalInterface
public interface TextSink {
    void text(String side, String text);
}
