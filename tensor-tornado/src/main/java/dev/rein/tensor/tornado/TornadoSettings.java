package dev.rein.tensor.tornado;

/**
 * What this module needs of the JVM it runs in: TornadoVM's runtime (loaded through its argfile) and settings
 * applied as system properties, which TornadoVM reads once when its classes load, before the first graph is
 * compiled, unless the user set them: room for the bytecode of a decoder block's graph of some twenty kernels
 * (TornadoVM's default of 4096 bytes overflows).
 */
final class TornadoSettings {
    static final String BYTECODE_SIZE = "tornado.tvm.maxbytecodesize";

    private TornadoSettings() {
    }

    /** The error for a JVM started without TornadoVM's runtime, saying how to start one. */
    static IllegalStateException runtimeMissing(Throwable cause) {
        return new IllegalStateException("TornadoVM's runtime is not loaded: start the JVM with "
                + "@$TORNADOVM_HOME/tornado-argfile (./rein does when TORNADOVM_HOME is set; docs/gpu.md): " + cause,
                cause);
    }

    static void apply() {
        if (System.getProperty(BYTECODE_SIZE) == null) {
            System.setProperty(BYTECODE_SIZE, Integer.toString(1 << 16));
        }
    }
}
