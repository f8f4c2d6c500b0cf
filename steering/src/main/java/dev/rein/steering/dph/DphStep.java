package dev.rein.steering.dph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One update of DPH training, the metrics DPH logs (METHODS.md 3.2), means over its micro-batches.
 *
 * @param loss         w_dph·L_DPH + w_dpo·L_DPO
 * @param dph          the DPH loss with its accuracy and margin (of the first head)
 * @param dpo          the cDPO loss with its reward accuracy and margin; NaN values when cDPO is off
 * @param learningRate the base rate times the schedule's factor
 * @param gradNorm     the global gradient norm before clipping
 * @param tokens       tokens read so far, what the schedule's cosine is measured in
 */
public record DphStep(long step, double loss, Terms dph, Terms dpo, double learningRate, double gradNorm,
                      long tokens) {

    /** A loss with its accuracy and margin. */
    public record Terms(double loss, double accuracy, double margin) {
        static final Terms NONE = new Terms(Double.NaN, Double.NaN, Double.NaN);
    }

    /** The step as one line of {@code metrics.jsonl}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("step", step).put("loss", loss)
                .put("dph/loss", dph.loss()).put("dph/accuracy", dph.accuracy()).put("dph/margin", dph.margin());
        if (!Double.isNaN(dpo.loss())) {
            json.put("dpo/loss", dpo.loss()).put("dpo/accuracy", dpo.accuracy()).put("dpo/margin", dpo.margin());
        }
        return json.put("lr", learningRate).put("grad_norm", gradNorm).put("tokens", tokens);
    }
}
