/**
 * Reverse-mode automatic differentiation on top of the tensor module, which itself knows nothing of
 * gradients.
 *
 * <p>Use: wrap tensors as {@link dev.rein.autograd.Variable#parameter} (gradient wanted) or
 * {@link dev.rein.autograd.Variable#constant}, compute with the fluent methods of {@code Variable} and the
 * {@code *Functions} classes (one class per kind of op, each op next to its backward rule), then call
 * {@code loss.backward()} and read {@code parameter.grad()}. {@link dev.rein.autograd.Variable#gradients}
 * returns d output / d any variable (an input, a hidden state) without touching {@code grad()}.
 * {@link dev.rein.autograd.NoGrad} turns recording off; {@link dev.rein.autograd.Gradcheck} compares backward
 * rules with finite differences.
 *
 * <p>How it works: every op computes its value with the tensor module and records, per input that requires
 * a gradient, an {@code Edge} holding the input and its backward rule (a closure over the saved tensors).
 * These edges form the tape. {@code BackwardPass} orders the graph topologically and pushes gradients from
 * the output to the leaves, summing where a variable feeds several ops. Gradients are plain F32 tensors of
 * their variable's shape; broadcasting is undone by {@code Broadcasting.sumToShape}.
 */
package dev.rein.autograd;
