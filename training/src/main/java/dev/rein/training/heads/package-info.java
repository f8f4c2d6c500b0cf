/**
 * Heads on pooled hidden states (DPH's reward heads, reward models, value heads): a {@link
 * dev.rein.training.heads.Pooling} turns the hidden states [B, T, H] read at a hook point into one vector per row,
 * a {@link dev.rein.training.heads.Pooler} transforms it, and a linear head maps it to k outputs; {@link
 * dev.rein.training.heads.PooledHead} composes the three and saves them beside the model.
 */
package dev.rein.training.heads;
