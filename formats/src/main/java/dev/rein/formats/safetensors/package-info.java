/**
 * Reading and writing Hugging Face safetensors checkpoints: single files ({@link
 * dev.rein.formats.safetensors.SafetensorsFile}, {@link dev.rein.formats.safetensors.SafetensorsWriter}) and
 * checkpoint folders, possibly sharded through {@code model.safetensors.index.json} ({@link
 * dev.rein.formats.safetensors.Checkpoint}, {@link dev.rein.formats.safetensors.CheckpointWriter}). The writers take
 * tensors in memory, or {@link dev.rein.formats.safetensors.StreamedTensor}s whose bytes are produced as they are
 * written, for checkpoints larger than memory.
 *
 * <p>The format: 8 bytes holding the header length {@code N} (unsigned little-endian), then {@code N} bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}}
 * plus an optional {@code "__metadata__"} object of strings, then the data area. Offsets are relative to the
 * start of the data area; the tensors must cover it exactly, without gaps or overlaps. Elements are little-endian
 * and stored row-major. Like the tensor module, this code assumes a little-endian host.
 */
package dev.rein.formats.safetensors;
