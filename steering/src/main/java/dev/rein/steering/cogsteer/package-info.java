/**
 * CogSteer (Wang et al., arXiv 2410.17714; ../shared/METHODS.md section 4): pick a layer by how well its hidden
 * states correlate with eye-tracking features ({@link dev.rein.steering.cogsteer.LayerAnalysis}), train a small
 * adapter at that one layer on text with the attribute to avoid, then decode with the adapter's effect subtracted
 * from the plain model's attention heads at each step; and the paper's single-layer prefix tuning for classification
 * ({@link dev.rein.steering.cogsteer.PrefixClassifier}), which says which one layer suffices for a task.
 */
package dev.rein.steering.cogsteer;
