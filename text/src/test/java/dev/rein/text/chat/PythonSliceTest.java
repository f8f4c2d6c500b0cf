package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jinjava.javax.el.ELException;
import org.junit.jupiter.api.Test;

/** Slice positions against Python's {@code list(range(*slice(start, stop, step).indices(5)))}. */
class PythonSliceTest {

    @Test
    void positionsMatchPython() {
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, PythonSlice.indices(5, null, null, -1));
        assertArrayEquals(new int[] {1, 2, 3, 4}, PythonSlice.indices(5, 1, null, null));
        assertArrayEquals(new int[] {0, 2, 4}, PythonSlice.indices(5, null, null, 2));
        assertArrayEquals(new int[] {3, 4}, PythonSlice.indices(5, -2, null, null));
        assertArrayEquals(new int[] {3, 2, 1}, PythonSlice.indices(5, 3, 0, -1));
        assertArrayEquals(new int[] {4, 2, 0}, PythonSlice.indices(5, 10, null, -2));
        assertArrayEquals(new int[] {0, 1}, PythonSlice.indices(5, -10, 2, null));
        assertArrayEquals(new int[] {}, PythonSlice.indices(5, 1, 1, null));
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, PythonSlice.indices(5, null, -6, -1));
        assertArrayEquals(new int[] {0, 3}, PythonSlice.indices(5, 0, 100, 3));
        assertArrayEquals(new int[] {}, PythonSlice.indices(0, null, null, -1));
    }

    @Test
    void zeroStepIsAnError() {
        assertThrows(ELException.class, () -> PythonSlice.indices(5, null, null, 0));
    }
}
