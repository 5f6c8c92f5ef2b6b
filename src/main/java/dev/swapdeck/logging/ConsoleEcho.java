package dev.swapdeck.logging;

import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.event.EventQueue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Copies the proxy log to a console stream on its own thread, behind a bounded queue: a terminal
 * that cannot keep up (or a stopped pipe) loses lines, and says how many, but never slows Swapdeck.
 */
public final class ConsoleEcho implements AutoCloseable {
    private final EventQueue queue;
    private final Thread printer;

    public ConsoleEcho(EventBus bus, PrintStream out) {
        this.queue = bus.subscribeQueue(10_000, 1 << 20, e -> e instanceof LogLine line && line.stream() == LogStream.PROXY);
        this.printer = new Thread(() -> print(out), "swapdeck-console");
        printer.setDaemon(true);
        printer.start();
    }

    private void print(PrintStream out) {
        List<Event> batch = new ArrayList<>();
        try {
            while (!queue.isClosed()) {
                batch.clear();
                queue.drainTo(batch, 512, 200, TimeUnit.MILLISECONDS);
                long dropped = queue.takeDropped();
                if (dropped > 0) {
                    out.println("[swapdeck] " + dropped + " log lines not shown: the console was too slow");
                }
                for (Event event : batch) {
                    out.println(((LogLine) event).render());
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.close();
        printer.interrupt();
    }
}
