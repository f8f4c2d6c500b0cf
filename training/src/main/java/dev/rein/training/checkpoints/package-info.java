/**
 * Resumable training checkpoints: the model as a Hugging Face model folder, the optimizer's state and the
 * trainer's, each checkpoint published by one atomic rename ({@link dev.rein.training.checkpoints.CheckpointStore}).
 */
package dev.rein.training.checkpoints;
