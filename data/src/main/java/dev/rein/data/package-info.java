/**
 * Data for training and evaluation: datasets, label-masked examples, packing and padding into batches, seeded
 * shuffling, and the procedural story corpus that the embedded default model is trained on.
 */
package dev.rein.data;
