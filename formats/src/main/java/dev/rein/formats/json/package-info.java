/**
 * Reading the JSON files of a checkpoint (config.json, tokenizer.json, tokenizer_config.json, safetensors headers
 * and indexes) with one kind of error: {@link dev.rein.formats.json.JsonFiles} parses a file into a tree, and
 * {@link dev.rein.formats.json.JsonFields} reads the typed fields of one of its objects. Every failure is a
 * {@link dev.rein.formats.FormatException} that names the file, the field's JSON path and what was expected.
 */
package dev.rein.formats.json;
