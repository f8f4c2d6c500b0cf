/**
 * Toxicity scorers and CogSteer's toxicity metrics (../shared/METHODS.md 4.4). Scorers: {@link
 * dev.rein.eval.toxicity.ProfanityModel}, profanity-check's linear model reproduced exactly, and {@link
 * dev.rein.eval.toxicity.LearnedToxicityScorer}, a pooled head on a language model that {@link
 * dev.rein.eval.toxicity.ToxicityTrainer} trains to predict the Perspective scores of RealToxicityPrompts texts
 * ({@link dev.rein.eval.toxicity.RealToxicityPrompts}); {@link dev.rein.eval.toxicity.ToxicityAgreement} reports how
 * well a scorer follows those scores. Metrics: {@link dev.rein.eval.toxicity.ToxicityMetrics} (Expected Maximum
 * Toxicity, Toxicity Probability). {@link dev.rein.eval.toxicity.StoryRudeness} reads rudeness in tales of Rein's
 * story grammar, for models trained on them.
 */
package dev.rein.eval.toxicity;
