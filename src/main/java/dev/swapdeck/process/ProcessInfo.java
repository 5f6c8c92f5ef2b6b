package dev.swapdeck.process;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Runtime facts about one model's process at one moment.
 *
 * @param since      when the current state was entered
 * @param startedAt  when the running process was spawned (empty unless starting or ready)
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
        Optional<Instant> startedAt,
        long generation,
        Optional<String> lastError,
        boolean wasReady,
        OptionalInt exitCode) {

    /** Stopped because its last start or run failed: the window, the playground and {@code /models} mark it so. */
    public boolean failed() {
        return state == ProcessState.STOPPED && lastError.isPresent();
    }
}
