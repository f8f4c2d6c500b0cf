package dev.rein.steering.cogsteer;

import dev.rein.eval.PrincipalComponent;
import dev.rein.models.transformer.Transformer;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * CogSteer's layer analysis (METHODS.md 4.1): every sentence of an eye-tracking corpus through the model, each
 * word's state at every depth ({@link WordStates}), one 1-component PCA per depth over all words
 * ({@link PrincipalComponent}), and the correlations of the scores with each eye feature ({@link Correlations}).
 * Sentences whose feature lists do not have one entry per word are skipped and counted.
 */
public final class LayerAnalysis {
    private LayerAnalysis() {
    }

    /**
     * The analysis of {@code corpus} on {@code model}; {@code progress} hears the index of each sentence done.
     *
     * @throws IllegalArgumentException when no sentence can be aligned
     */
    public static LayerCorrelations run(Transformer model, Tokenizer tokenizer, EyeTrackingCorpus corpus,
                                        IntConsumer progress) {
        int depths = model.config().numLayers() + 1;
        List<List<double[]>> states = new ArrayList<>();                 // [depth] -> word vectors
        for (int d = 0; d < depths; d++) states.add(new ArrayList<>());
        List<List<Double>> values = new ArrayList<>();                   // [feature] -> word values
        for (int f = 0; f < corpus.featureCount(); f++) values.add(new ArrayList<>());
        int skipped = 0;
        for (int s = 0; s < corpus.sentences().size(); s++) {
            String sentence = corpus.sentences().get(s);
            int words = WordStates.words(sentence).size();
            final int index = s;
            if (Arrays.stream(corpus.features()).anyMatch(feature -> feature[index].length != words)) {
                skipped++;
            } else {
                double[][][] sentenceStates = WordStates.of(model, tokenizer, sentence);
                for (int d = 0; d < depths; d++) states.get(d).addAll(Arrays.asList(sentenceStates[d]));
                for (int f = 0; f < corpus.featureCount(); f++) {
                    for (double v : corpus.features()[f][s]) values.get(f).add(v);
                }
            }
            progress.accept(s);
        }
        int words = states.getFirst().size();
        if (words < 2) {
            throw new IllegalArgumentException("no sentence of the corpus has one eye-feature value per word (" + skipped
                    + " skipped); nothing to correlate");
        }
        List<LayerCorrelations.Depth> rows = new ArrayList<>();
        for (int d = 0; d < depths; d++) {
            double[][] points = states.get(d).toArray(double[][]::new);
            double[] scores = PrincipalComponent.of(points).project(points);
            List<Correlations> raw = new ArrayList<>();
            List<Correlations> log10 = new ArrayList<>();
            for (List<Double> feature : values) {
                double[] y = feature.stream().mapToDouble(Double::doubleValue).toArray();
                raw.add(Correlations.of(scores, y));
                int[] positive = IntStream.range(0, y.length).filter(i -> y[i] > 0).toArray();
                log10.add(Correlations.of(Arrays.stream(positive).mapToDouble(i -> scores[i]).toArray(),
                        Arrays.stream(positive).mapToDouble(i -> Math.log10(y[i])).toArray()));
            }
            rows.add(new LayerCorrelations.Depth(d == 0 ? "embeddings" : "block " + (d - 1), raw, log10));
        }
        List<String> names = IntStream.range(0, corpus.featureCount()).mapToObj(EyeTrackingCorpus::featureName)
                .toList();
        return new LayerCorrelations(rows, names, corpus.sentences().size() - skipped, skipped, words,
                LayerCorrelations.suggest(rows));
    }
}
