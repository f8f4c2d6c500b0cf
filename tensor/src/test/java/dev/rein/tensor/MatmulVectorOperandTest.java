package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** torch.matmul's rules for 1-D operands: the vector's added dim is removed again from the result. */
class MatmulVectorOperandTest {

    @Test
    void batchTimesVectorDropsTheColumnDim() {
        Tensor a = Tensor.arange(0f, 24f, 1f).reshape(2, 3, 4);
        Tensor v = Tensor.of(1f, 0f, 0f, 2f);
        Tensor y = a.matmul(v);
        assertArrayEquals(new int[] {2, 3}, y.shape());
        float[] expected = new float[6];
        for (int r = 0; r < 6; r++) {
            expected[r] = 4 * r + 2 * (4 * r + 3);
        }
        assertArrayEquals(expected, y.toFloatArray());
    }

    @Test
    void vectorShapes() {
        assertArrayEquals(new int[] {2, 5}, Tensor.ones(4).matmul(Tensor.ones(2, 4, 5)).shape());
        assertArrayEquals(new int[] {3}, Tensor.ones(3, 4).matmul(Tensor.ones(4)).shape());
        assertArrayEquals(new int[] {}, Tensor.ones(4).matmul(Tensor.ones(4)).shape());
    }
}
