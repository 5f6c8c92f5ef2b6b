package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The single writer of one process's state: tasks posted here run one at a time, in order, on the
 * process's own thread {@code swapdeck-process-<model>}. Posting never blocks and may come from any
 * thread (callers, the starter, the exit watcher, the stopper); a task posted from inside a task runs
 * after it. The thread starts on the first post and ends after a while without work, so a model that
 * is never started costs no thread. A task that throws is logged to the proxy log; the next one runs.
 */
final class Mailbox {
    private static final long IDLE_SECONDS = 30;

    private final String threadName;
    private final ProxyLog log;
    private final String model;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    Mailbox(String model, ProxyLog log) {
        this.threadName = "swapdeck-process-" + model;
        this.log = log;
        this.model = model;
    }

    void post(Runnable task) {
        tasks.add(task);
        if (running.compareAndSet(false, true)) {
            Threads.daemon(threadName, this::drain, log).start();
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            try {
                task = tasks.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                task = null;
            }
            if (task == null) {
                running.set(false);
                // a post that raced with going idle either saw running=true (and relies on us) or started a thread
                if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.log(LogLevel.ERROR, model, "internal error in the process owner: " + e);
            }
        }
    }
}
