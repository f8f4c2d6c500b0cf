package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradchecks of embedding, index select, gather, scatter-add, concat, stack, split and chunk. */
class IndexingGradTest {

    @Test
    void embeddingWithRepeatedIds() {
        Tensor ids = Tensor.ofInts(new int[] {2, 0, 2, 4, 1, 2}, 2, 3);
        Gradcheck.check("embedding", v -> IndexingFunctions.embedding(v.get(0), ids), uniform(91, 5, 3));
    }

    @Test
    void indexSelectAlongEachDim() {
        Tensor index = Tensor.ofLongs(new long[] {1, 0, 1}, 3);
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            Gradcheck.check("indexSelect " + d, v -> IndexingFunctions.indexSelect(v.get(0), d, index), uniform(92, 2, 2, 3));
        }
    }

    @Test
    void gatherAndScatterAdd() {
        Tensor index = Tensor.ofLongs(new long[] {0, 2, 2, 1, 0, 0}, 2, 3);
        Gradcheck.check("gather", v -> IndexingFunctions.gather(v.get(0), 1, index), uniform(93, 2, 4));
        Gradcheck.check("scatterAdd", v -> IndexingFunctions.scatterAdd(v.get(0), 1, index, v.get(1)),
                uniform(94, 2, 4), uniform(95, 2, 3));
    }

    @Test
    void concatAndStack() {
        Gradcheck.check("concat", v -> JoiningFunctions.concat(List.of(v.get(0), v.get(1).mT(), v.get(0)), 1),
                uniform(96, 2, 3), uniform(97, 4, 2));
        Gradcheck.check("stack", v -> JoiningFunctions.stack(List.of(v.get(0), v.get(1)), -1),
                uniform(98, 2, 3), uniform(99, 2, 3));
    }

    @Test
    void splitAndChunk() {
        Tensor x = uniform(100, 2, 7);
        Gradcheck.check("split", v -> {
            List<Variable> parts = JoiningFunctions.split(v.get(0), 3, 1);
            return parts.get(0).mul(parts.get(1)).sum(1).add(parts.get(2).squeeze(1));
        }, x);
        Gradcheck.check("chunk", v -> {
            List<Variable> parts = JoiningFunctions.chunk(v.get(0), 3, 1);
            return parts.get(2).mul(parts.get(0).narrow(1, 0, 1));
        }, x);
    }
}
