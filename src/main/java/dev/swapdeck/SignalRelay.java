package dev.swapdeck;

import java.util.List;

/**
 * Holds the shutdown and reload signals that arrive while Swapdeck starts, before there is an engine
 * to act on them (stopping a killed Swapdeck's leftovers alone may take the 5 s grace), and passes
 * them on once it is {@link #connect connected}. Without it the JVM's own handling applies there:
 * SIGTERM ends it with 143 and SIGHUP, meant to reload, with 129.
 */
final class SignalRelay {
    private final Relay shutdown = new Relay();
    private final Relay reload = new Relay();
    private List<String> ignoredShutdownSignals = List.of();
    private boolean reloadsOnHup;

    /**
     * A relay with this process's shutdown signals (SIGINT, SIGTERM) and SIGHUP pointed at it. The
     * earlier, the better: until then the JVM's own handling applies (SIGTERM exits 143).
     */
    static SignalRelay install() {
        SignalRelay relay = new SignalRelay();
        relay.ignoredShutdownSignals = ShutdownSignals.onShutdownSignal(relay::shutdown);
        relay.reloadsOnHup = ShutdownSignals.onReloadSignal(relay::reload);
        return relay;
    }

    /** The shutdown signals that were ignored when Swapdeck started (a background job of a script): they stay so. */
    List<String> ignoredShutdownSignals() {
        return ignoredShutdownSignals;
    }

    /** False when SIGHUP was ignored when Swapdeck started (nohup): it stays so. */
    boolean reloadsOnHup() {
        return reloadsOnHup;
    }

    void shutdown() {
        shutdown.fire();
    }

    void reload() {
        reload.fire();
    }

    /** From now on signals reach these; one that came before runs now, a shutdown rather than a reload. */
    void connect(Runnable onShutdown, Runnable onReload) {
        boolean shutdownAsked = shutdown.connect(onShutdown);
        boolean reloadAsked = reload.connect(onReload);
        if (shutdownAsked) {
            onShutdown.run();
        } else if (reloadAsked) {
            onReload.run();
        }
    }

    /** One signal's action, or the note that the signal came before there was one. */
    private static final class Relay {
        private Runnable action;
        private boolean asked;

        void fire() {
            Runnable now;
            synchronized (this) {
                now = action;
                asked = now == null;
            }
            if (now != null) {
                now.run();
            }
        }

        /** Sets the action; whether the signal came before it. */
        synchronized boolean connect(Runnable to) {
            action = to;
            return asked;
        }
    }
}
