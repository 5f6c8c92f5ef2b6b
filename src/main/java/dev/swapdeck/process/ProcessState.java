package dev.swapdeck.process;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one upstream process (SPEC §3). The allowed moves are this table and no others;
 * {@code shutdown} is final and reachable from every state when the whole app shuts down.
 */
public enum ProcessState {
    STOPPED, STARTING, READY, STOPPING, SHUTDOWN;

    private static final Map<ProcessState, Set<ProcessState>> ALLOWED = Map.of(
            STOPPED, EnumSet.of(STARTING, SHUTDOWN),
            STARTING, EnumSet.of(READY, STOPPING, STOPPED, SHUTDOWN),
            READY, EnumSet.of(STOPPING, STOPPED, SHUTDOWN),
            STOPPING, EnumSet.of(STOPPED, SHUTDOWN),
            SHUTDOWN, EnumSet.noneOf(ProcessState.class));

    public boolean canMoveTo(ProcessState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Lower-case name as the API and the window show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
