/**
 * Toxicity scorers and CogSteer's toxicity metrics (../shared/METHODS.md 4.4): {@link
 * dev.rein.eval.toxicity.ProfanityModel}, profanity-check's linear model reproduced exactly.
 */
package dev.rein.eval.toxicity;
