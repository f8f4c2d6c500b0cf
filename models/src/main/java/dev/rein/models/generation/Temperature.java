package dev.rein.models.generation;

/**
 * Divides every logit by the temperature (in float, as Hugging Face's {@code TemperatureLogitsWarper}): below 1
 * sharpens the distribution, above 1 flattens it. Greedy decoding is not a temperature of 0 here; it is
 * {@link SamplingSettings} that treats temperature 0 as greedy.
 *
 * @param temperature finite and above 0
 */
public record Temperature(float temperature) implements LogitsProcessor {

    public Temperature {
        if (!(temperature > 0) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number above 0, got " + temperature);
        }
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        for (int id = 0; id < logits.length; id++) logits[id] /= temperature;
    }
}
