/**
 * Seeded random-weight checkpoints of any supported family and size ({@code rein init}):
 * {@link dev.rein.formats.init.RandomCheckpoint}.
 */
package dev.rein.formats.init;
