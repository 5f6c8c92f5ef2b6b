package dev.swapdeck.process;

import dev.swapdeck.logging.LogHub;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Drains one child's merged stdout and stderr on its own daemon thread, so a chatty child never
 * blocks on a full pipe. Every line goes to the upstream log ({@link LogHub#upstream}, which never
 * blocks) and into an {@link OutputTail}; {@code onLine} is told after each line (the starter uses it
 * to probe health at once: servers often print "listening" just as they turn healthy).
 */
final class OutputPump {
    static final int MAX_LINE_BYTES = 8 * 1024;

    private final Thread thread;
    private final OutputTail tail = new OutputTail();

    private OutputPump(String threadName, InputStream in, String model, LogHub logs, Runnable onLine) {
        LineSplitter splitter = new LineSplitter(MAX_LINE_BYTES, line -> {
            tail.add(line);
            logs.upstream(model, line);
            onLine.run();
        });
        this.thread = Threads.daemon(threadName, () -> drain(in, splitter), logs);
    }

    static OutputPump start(String threadName, InputStream in, String model, LogHub logs, Runnable onLine) {
        OutputPump pump = new OutputPump(threadName, in, model, logs, onLine);
        pump.thread.start();
        return pump;
    }

    private static void drain(InputStream in, LineSplitter splitter) {
        byte[] buffer = new byte[8 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                splitter.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            // the pipe closed under us (process gone): what was read is kept
        }
        splitter.finish();
    }

    OutputTail tail() {
        return tail;
    }

    /**
     * Waits until the child's output has been read to the end. A descendant that inherited the pipe
     * can hold it open after the child exits, hence the bound.
     */
    boolean awaitEnd(Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
