/**
 * Seeded random-weight checkpoints of any supported family and size ({@code rein init}):
 * {@link dev.rein.models.init.RandomCheckpoint}.
 */
package dev.rein.models.init;
