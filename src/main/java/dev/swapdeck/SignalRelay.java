package dev.swapdeck;

/**
 * Holds the shutdown and reload signals that arrive while Swapdeck starts, before there is an engine
 * to act on them (stopping a killed Swapdeck's leftovers alone may take the 5 s grace), and passes
 * them on once it is {@link #connect connected}. Without it the JVM's own handling applies there:
 * SIGTERM ends it with 143 and SIGHUP, meant to reload, with 129.
 */
final class SignalRelay {
    private Runnable shutdown;
    private Runnable reload;
    private boolean shutdownAsked;
    private boolean reloadAsked;

    void shutdown() {
        Runnable action;
        synchronized (this) {
            shutdownAsked = shutdown == null;
            action = shutdown;
        }
        if (action != null) {
            action.run();
        }
    }

    void reload() {
        Runnable action;
        synchronized (this) {
            reloadAsked = reload == null;
            action = reload;
        }
        if (action != null) {
            action.run();
        }
    }

    /** From now on signals reach these; one that came before runs now, a shutdown before a reload. */
    void connect(Runnable onShutdown, Runnable onReload) {
        boolean shutdownNow;
        boolean reloadNow;
        synchronized (this) {
            shutdown = onShutdown;
            reload = onReload;
            shutdownNow = shutdownAsked;
            reloadNow = reloadAsked && !shutdownAsked;
        }
        if (shutdownNow) {
            onShutdown.run();
        } else if (reloadNow) {
            onReload.run();
        }
    }
}
