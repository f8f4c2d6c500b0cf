package dev.rein.tensor.tornado;

/**
 * TornadoVM settings this module needs, applied (as system properties, which TornadoVM reads once when its classes
 * load) before the first graph is compiled, unless the user set them: room for the bytecode of a decoder block's
 * graph of some twenty kernels (TornadoVM's default of 4096 bytes overflows).
 */
final class TornadoSettings {
    static final String BYTECODE_SIZE = "tornado.tvm.maxbytecodesize";

    private TornadoSettings() {
    }

    static void apply() {
        if (System.getProperty(BYTECODE_SIZE) == null) {
            System.setProperty(BYTECODE_SIZE, Integer.toString(1 << 16));
        }
    }
}
