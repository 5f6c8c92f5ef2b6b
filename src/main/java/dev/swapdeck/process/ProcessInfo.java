package dev.swapdeck.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Runtime facts about one model's process at one moment.
 *
 * @param since      when the current state was entered
 * @param sinceNanos {@code since} on {@link System#nanoTime}'s scale
 * @param startedAt  when the running process was spawned (empty unless starting or ready)
 * @param startedNanos {@code startedAt} on {@link System#nanoTime}'s scale; with {@code startedAt} only
 * @param generation which spawn the running process is: greater for a later one, whatever the wall clock
 *                   did in between; 0 unless starting or ready
 * @param lastError  why the last start failed or the process died, kept until the next start
 * @param wasReady   whether the current run became ready: true while ready, and while stopping after
 *                   it was ready; false while stopping a start that never did (cancelled, timed out)
 * @param exitCode   with {@code lastError}: the code the process exited with, when it exited on its own
 *                   (a crash, an exit during start); empty when it was stopped, timed out or never spawned
 */
public record ProcessInfo(
        ProcessState state,
        OptionalLong pid,
        Instant since,
        long sinceNanos,
        Optional<Instant> startedAt,
        long startedNanos,
        long generation,
        Optional<String> lastError,
        boolean wasReady,
        OptionalInt exitCode) {

    /** How long it has been in its state at {@code nanos} ({@link System#nanoTime}): a wall-clock jump leaves it alone. */
    public Duration inStateAt(long nanos) {
        return Duration.ofNanos(nanos - sinceNanos);
    }

    /** How long the running process has run at {@code nanos}; while not starting or ready, {@link #inStateAt}. */
    public Duration upAt(long nanos) {
        return startedAt.isPresent() ? Duration.ofNanos(nanos - startedNanos) : inStateAt(nanos);
    }

    /** Stopped because its last start or run failed: the window, the playground and {@code /models} mark it so. */
    public boolean failed() {
        return state == ProcessState.STOPPED && lastError.isPresent();
    }
}
