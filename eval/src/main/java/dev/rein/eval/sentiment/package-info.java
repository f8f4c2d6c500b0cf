/**
 * Sentiment scoring with VADER, ported from vaderSentiment 3.3.2 (github.com/cjhutto/vaderSentiment, MIT licence,
 * copyright (c) 2016 C.J. Hutto): {@link dev.rein.eval.sentiment.Vader} scores a text as
 * {@link dev.rein.eval.sentiment.SentimentScores}, and {@link dev.rein.eval.sentiment.SentimentMetrics} summarises
 * many (METHODS.md 2.4). The lexicon files are read from a folder (../shared/data/vader holds 3.3.2's, with the
 * licence), not shipped with Rein. {@link dev.rein.eval.sentiment.StorySentiment} is the sentiment of a tale of Rein's
 * story grammar as its checker reads it, which needs no lexicon.
 */
package dev.rein.eval.sentiment;
