package dev.rein.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command ({@code rein serve}, {@code rein lab}) alive until the process is told to stop
 * (Ctrl-C, SIGTERM), then runs its cleanup once, from the shutdown hook, before the command returns.
 */
final class UntilStopped {
    private UntilStopped() {
    }

    /** Blocks until the JVM shuts down; {@code close} runs in the shutdown hook first. */
    static void await(Runnable close) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            stopped.countDown();
        }));
        stopped.await();
    }
}
