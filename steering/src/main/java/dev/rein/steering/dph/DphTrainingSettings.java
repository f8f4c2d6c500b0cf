package dev.rein.steering.dph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link DphTrainer} trains (METHODS.md 3.2 and 3.4). The wrapped Qwen run: LaProp at 3e-6, 200 warmup steps,
 * weight decay 0.5 toward the initial backbone, head decay 0.1 toward zero, separable DPH with ε 0.1, no cDPO, clip
 * 1.0; the LSWT defaults add cDPO with β 0.1 and ε 0.1.
 *
 * @param objective        separable or contrastive DPH
 * @param dphSmoothing     ε of the DPH loss
 * @param dphWeight        w_dph
 * @param dpoWeight        w_dpo; 0 turns cDPO off (it needs a trained backbone and a reference model)
 * @param dpoBeta          cDPO's β
 * @param dpoSmoothing     cDPO's ε
 * @param logProbs         cDPO's s(y): sum or mean of the reply's token log-probabilities
 * @param learningRate     LaProp's base rate, for the heads and the backbone
 * @param weightDecay      the backbone's decay, toward its initial values (LaProp's decay_init)
 * @param headWeightDecay  the heads' decay, toward zero
 * @param warmupSteps      updates of linear warmup
 * @param cooldownTokens   tokens at which the cosine reaches its floor; 0 for all the tokens the run reads
 * @param cooldownRatio    the floor, as a fraction of the base rate
 * @param clipNorm         the global gradient norm clipped to; 0 for none
 * @param batchSize        pairs per micro-batch
 * @param accumulation     micro-batches per update (the loss is divided by it)
 * @param steps            updates in all
 * @param seed             seed of the heads' initial weights, the pair order and the dropout masks
 * @param saveEvery        updates between resumable checkpoints; 0 for none
 */
public record DphTrainingSettings(DphObjective objective, double dphSmoothing, double dphWeight, double dpoWeight,
                                  double dpoBeta, double dpoSmoothing, ReplyLogProbs logProbs, double learningRate,
                                  double weightDecay, double headWeightDecay, long warmupSteps, long cooldownTokens,
                                  double cooldownRatio, double clipNorm, int batchSize, int accumulation, long steps,
                                  long seed, long saveEvery) {

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public DphTrainingSettings {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(logProbs, "logProbs");
        if (batchSize < 1 || accumulation < 1 || steps < 1) {
            throw new IllegalArgumentException("batch size, accumulation and steps must be at least 1, got "
                    + batchSize + ", " + accumulation + " and " + steps);
        }
        if (!(learningRate > 0) || dphWeight < 0 || dpoWeight < 0 || weightDecay < 0 || headWeightDecay < 0
                || clipNorm < 0 || saveEvery < 0 || cooldownTokens < 0) {
            throw new IllegalArgumentException("the learning rate must be above 0, and weights, decays, the clip "
                    + "norm, cooldown tokens and the save interval not negative");
        }
        if (dphWeight == 0 && dpoWeight == 0) throw new IllegalArgumentException("both loss weights are 0");
    }

    /**
     * DPH's wrapped-Qwen settings with the given amount of training: separable DPH with ε 0.1, LaProp with decay
     * 0.5 to the initial backbone and 0.1 on the heads, clip 1.0, no cDPO (β 0.1 and ε 0.1 when turned on, summed
     * log-probabilities), cosine to 0.1 of the rate over the run's tokens.
     */
    public static DphTrainingSettings defaults(double learningRate, long warmupSteps, int batchSize, long steps,
                                               long seed) {
        return new DphTrainingSettings(DphObjective.SEPARABLE, 0.1, 1.0, 0, 0.1, 0.1, ReplyLogProbs.SUM,
                learningRate, 0.5, 0.1, warmupSteps, 0, 0.1, 1.0, batchSize, 1, steps, seed, 0);
    }

    /** These settings with cDPO at weight {@code weight}. */
    public DphTrainingSettings withDpo(double weight) {
        return new DphTrainingSettings(objective, dphSmoothing, dphWeight, weight, dpoBeta, dpoSmoothing, logProbs,
                learningRate, weightDecay, headWeightDecay, warmupSteps, cooldownTokens, cooldownRatio, clipNorm,
                batchSize, accumulation, steps, seed, saveEvery);
    }

    /** These settings with the heads' weight decay toward zero at {@code decay}. */
    public DphTrainingSettings withHeadWeightDecay(double decay) {
        return new DphTrainingSettings(objective, dphSmoothing, dphWeight, dpoWeight, dpoBeta, dpoSmoothing, logProbs,
                learningRate, weightDecay, decay, warmupSteps, cooldownTokens, cooldownRatio, clipNorm, batchSize,
                accumulation, steps, seed, saveEvery);
    }

    /** The settings as the {@code training} object of the heads' run record. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("objective", objective.name().toLowerCase(Locale.ROOT)).put("dph_smoothing", dphSmoothing)
                .put("dph_weight", dphWeight).put("dpo_weight", dpoWeight);
        if (dpoWeight > 0) {
            json.put("dpo_beta", dpoBeta).put("dpo_smoothing", dpoSmoothing)
                    .put("dpo_logprobs", logProbs.name().toLowerCase(Locale.ROOT));
        }
        return json.put("optimizer", "laprop").put("learning_rate", learningRate).put("weight_decay_to_init", weightDecay)
                .put("head_weight_decay", headWeightDecay).put("warmup_steps", warmupSteps)
                .put("cooldown_tokens", cooldownTokens).put("cooldown_ratio", cooldownRatio).put("clip_norm", clipNorm)
                .put("batch_size", batchSize).put("accumulation", accumulation).put("steps", steps).put("seed", seed);
    }
}
