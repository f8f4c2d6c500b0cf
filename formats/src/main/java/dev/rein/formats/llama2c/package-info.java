/**
 * Reading checkpoints of Andrej Karpathy's llama2.c ({@link dev.rein.formats.llama2c.Llama2cCheckpoint}) as the
 * equivalent Hugging Face Llama model.
 *
 * <p>The format (llama2.c's {@code export.py} and {@code run.c}), little-endian: version 0 starts with seven int32
 * {@code dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len} (a negative vocab_size says the
 * classifier is stored separately); versions 1 and 2 start with the magic {@code "ak42"}, an int32 version, the
 * same seven int32 (vocab_size positive), a shared-classifier byte, and zeros up to byte 256. float32 weight arrays
 * follow, in the order {@link dev.rein.formats.llama2c.WeightLayout} lists; version 2 stores most of them as Q8_0
 * and is not read. Like the tensor module, this code assumes a little-endian host.
 */
package dev.rein.formats.llama2c;
