/**
 * Which weights a run trains: {@link dev.rein.training.freezing.TrainableSelection} decides at load time, so frozen
 * weights stay constants without gradient buffers; {@link dev.rein.training.freezing.TrainableParameters} lists the
 * trained ones by name for an optimizer.
 */
package dev.rein.training.freezing;
