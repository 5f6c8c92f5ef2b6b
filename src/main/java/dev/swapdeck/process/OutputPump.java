package dev.swapdeck.process;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drains one child's merged stdout and stderr on its own daemon thread, so a chatty child never
 * blocks on a full pipe. Every line goes to the upstream log ({@link LogHub#upstream}, which never
 * blocks) and into an {@link OutputTail}; {@code onLine} is given each line (the starter uses it
 * to probe health at once: servers often print "listening" just as they turn healthy).
 *
 * <p>Once {@link #settle settled} (its start is over), a child that prints in quick succession is
 * read at most once per {@link #PACE_NANOS}: a server logging a line or two per request would
 * otherwise wake this thread for every line. Measured under load, with an upstream that logs a line
 * per request: 10 µs of CPU a line unpaced, a fifth of all Swapdeck spent per request, and 1.2 µs
 * paced. A line that follows a quiet spell is still read at once.
 *
 * <p>While a start probes health, only the first of the server's lines answering those probes is
 * kept (see {@link ProbeEchoes}).
 */
final class OutputPump {
    static final int MAX_LINE_BYTES = 8 * 1024;
    /** The longest a line of a chatty, settled child waits in the pipe (a 64 KiB pipe holds far more). */
    static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /**
     * How long one read must be seen waiting before the output is taken as read (see {@link #awaitOutput}):
     * a read woken by data it has not returned yet looks the same while its thread waits for a core,
     * which on a loaded two-core machine took more than the 3 ms this once was.
     */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How often the pipe is looked at while a progress bar's frame waits to be shown. */
    private static final long FRAME_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Thread thread;
    private final OutputTail tail = new OutputTail();
    private final String model;
    private final LogHub logs;
    private volatile boolean settled;
    /** The child has exited ({@link #awaitOutput} was called): nothing waits for a quiet spell any more. */
    private volatile boolean exited;
    /** Odd while the pump's thread waits in a read, even otherwise; written by that thread alone. */
    private volatile long reads;
    /** Lines answering health checks seen before settling; the pump's thread's alone. */
    private int echoesSeen;

    private OutputPump(String threadName, InputStream in, String model, LogHub logs, ProbeEchoes echoes,
            Consumer<String> onLine) {
        this.model = model;
        this.logs = logs;
        LineSplitter splitter = new LineSplitter(MAX_LINE_BYTES, (line, frame) -> {
            if (!settled && echoes.isEcho(line) && echoesSeen++ > 0) {
                return;
            }
            countFolded();
            tail.add(line, frame);
            logs.upstream(model, line, frame);
            onLine.accept(line);
        });
        this.thread = Threads.daemon(threadName, () -> drain(in, splitter), logs);
    }

    /** Starts draining {@code in} on a new daemon thread named {@code threadName}. */
    static OutputPump start(String threadName, InputStream in, String model, LogHub logs, Consumer<String> onLine) {
        return start(threadName, in, model, logs, ProbeEchoes.NONE, onLine);
    }

    /**
     * As {@link #start(String, InputStream, String, LogHub, Consumer)}, keeping only the first of the
     * lines that answer Swapdeck's health checks ({@code echoes}) until {@link #settle settled}; how
     * many were left out goes to the proxy log (debug) with the next line or at the output's end.
     */
    static OutputPump start(String threadName, InputStream in, String model, LogHub logs, ProbeEchoes echoes,
            Consumer<String> onLine) {
        OutputPump pump = new OutputPump(threadName, in, model, logs, echoes, onLine);
        pump.thread.start();
        return pump;
    }

    /** On the pump's thread: says how many echoes were left out, once none can follow. */
    private void countFolded() {
        if (settled && echoesSeen > 1) {
            logs.log(LogLevel.DEBUG, model, "left out of " + model + "'s output " + (echoesSeen - 1)
                    + " more lines answering Swapdeck's health checks while it started");
            echoesSeen = 0;
        }
    }

    /** No one waits on the child's next line any more: from now on a burst of lines is read in batches. */
    void settle() {
        settled = true;
    }

    boolean isSettled() {
        return settled;
    }

    private void drain(InputStream in, LineSplitter splitter) {
        byte[] buffer = new byte[64 * 1024];
        long previousRead = Long.MIN_VALUE / 2;
        try (in) {
            while (true) {
                showHeldFrameWhenQuiet(in, splitter);
                reads++;
                int n = in.read(buffer);
                reads++;
                if (n < 0) {
                    break;
                }
                splitter.feed(buffer, 0, n);
                long now = System.nanoTime();
                // two reads within two paces: more is on its way, so let it gather in the pipe
                if (settled && n < buffer.length && now - previousRead < 2 * PACE_NANOS) {
                    LockSupport.parkNanos(PACE_NANOS);
                }
                previousRead = now;
            }
        } catch (IOException e) {
            // the pipe closed under us (process gone): what was read is kept
        }
        splitter.finish();
        settled = true;
        countFolded();
    }

    /**
     * A progress bar's frame held back (see {@link LineSplitter}) is shown once its time comes, if the
     * child has printed nothing since: a bar that stops redrawing (a download done, the server quiet)
     * shows its latest state, not one a second older. The pipe is looked at every {@link #FRAME_POLL_NANOS}
     * meanwhile; a blocking read could not be woken for it.
     */
    private void showHeldFrameWhenQuiet(InputStream in, LineSplitter splitter) throws IOException {
        if (!splitter.holdsFrame()) {
            return;
        }
        long due = splitter.heldFrameDue();
        while (in.available() == 0) {
            // once the child has exited its last frame is shown at once: its exit report quotes it
            if (exited || due - System.nanoTime() <= 0) {
                splitter.passHeldFrame(true);
                return;
            }
            LockSupport.parkNanos(Math.min(due - System.nanoTime(), FRAME_POLL_NANOS));
        }
    }

    OutputTail tail() {
        return tail;
    }

    /**
     * Called once the child has exited: waits until what it wrote has been read. That is at the
     * output's end or, where a descendant holds the inherited pipe open, once the pump has been seen
     * waiting in one read for {@link #IDLE_NANOS}: all the child wrote was in the pipe when it exited,
     * and a read with something to return does not wait. Such a descendant costs the caller that
     * long, not the whole {@code timeout}.
     */
    boolean awaitOutput(Duration timeout) {
        exited = true;
        LockSupport.unpark(thread); // from a wait for a progress bar's frame: to the read that finds the end
        long deadline = System.nanoTime() + timeout.toNanos();
        long waiting = -1;
        long since = 0;
        while (thread.isAlive()) {
            long now = reads;
            long at = System.nanoTime();
            if (now % 2 == 1 && now == waiting) {
                if (at - since >= IDLE_NANOS) {
                    return true;
                }
            } else {
                waiting = now;
                since = at;
            }
            if (deadline - at <= 0 || !joined(1)) {
                return false;
            }
        }
        return true;
    }

    /** Joins the pump's thread for up to {@code millis} (at least one); false if interrupted. */
    private boolean joined(long millis) {
        try {
            thread.join(Math.max(1, millis));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
