/**
 * Weights made rather than trained: seeded random-weight checkpoints of any supported family and size
 * ({@code rein init}, {@link dev.rein.formats.init.RandomCheckpoint}), and a checkpoint's vocabulary grown with
 * mean-initialised rows for added tokens ({@link dev.rein.formats.init.VocabularyResize}).
 */
package dev.rein.formats.init;
