/**
 * RE-Control (Kong et al., NeurIPS 2024; ../shared/METHODS.md section 5): steer a frozen language model at test
 * time by gradient ascent on its final hidden state against a learned value function. The pipeline, one class per
 * stage: {@link dev.rein.steering.recontrol.StateCollector} generates responses and records their states
 * ({@link dev.rein.steering.recontrol.Trajectories}); {@link dev.rein.steering.recontrol.RewardLabels} scores each
 * response with any {@link dev.rein.eval.TextScorer}; {@link dev.rein.steering.recontrol.ValueTrainer} fits the
 * {@link dev.rein.steering.recontrol.ValueFunction} MLP with {@link dev.rein.steering.recontrol.BellmanLoss} (or the
 * {@link dev.rein.steering.recontrol.MonteCarloLoss}, see {@link dev.rein.steering.recontrol.ValueObjective}); and
 * {@link dev.rein.steering.recontrol.ValueGuidance} is the hook that edits states while generating.
 * {@link dev.rein.steering.recontrol.RecontrolEvaluation} answers the same prompts with the same seeds with and
 * without guidance and puts average reward, diversity and coherence side by side
 * ({@link dev.rein.steering.recontrol.RecontrolComparison}).
 */
package dev.rein.steering.recontrol;
