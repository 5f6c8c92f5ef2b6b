package dev.swapdeck;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Holds the shutdown and reload signals that arrive while Swapdeck starts, before there is an engine
 * to act on them (stopping a killed Swapdeck's leftovers alone may take the 5 s grace), and passes
 * them on once it is {@link #connect connected}. Without it the JVM's own handling applies there:
 * SIGTERM ends it with 143 and SIGHUP, meant to reload, with 129. A second shutdown signal before
 * then ends Swapdeck at once: a start blocked for good (a --config naming a FIFO, a hung network
 * mount) would otherwise yield only to SIGKILL, and whatever it started is stopped by the watchdog.
 */
final class SignalRelay {
    /** A process ended by signal N exits 128 + N, as shells report it. */
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    private final Relay shutdown = new Relay();
    private final Relay reload = new Relay();
    private final Consumer<String> exitNow;
    private List<String> ignoredShutdownSignals = List.of();
    private boolean reloadsOnHup;

    /**
     * A relay with this process's shutdown signals (SIGINT, SIGTERM) and SIGHUP pointed at it. The
     * earlier, the better: until then the JVM's own handling applies (SIGTERM exits 143).
     */
    static SignalRelay install() {
        SignalRelay relay = new SignalRelay(signal -> {
            System.err.println("swapdeck: " + signal + " again while starting: exiting now");
            System.exit(SIGNAL_EXIT_BASE + ("SIGINT".equals(signal) ? SIGINT : SIGTERM));
        });
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

    /** {@code exitNow}: ends the JVM when a second shutdown signal comes before {@link #connect}. */
    SignalRelay(Consumer<String> exitNow) {
        this.exitNow = exitNow;
    }

    /** {@code signal}: which came, {@code SIGINT} or {@code SIGTERM}. */
    void shutdown(String signal) {
        if (shutdown.fire(signal)) {
            exitNow.accept(signal);
        }
    }

    void reload() {
        reload.fire("SIGHUP");
    }

    /**
     * From now on signals reach these ({@code onShutdown} is told which signal came); one that came
     * before runs now, a shutdown rather than a reload.
     */
    void connect(Consumer<String> onShutdown, Runnable onReload) {
        Optional<String> shutdownAsked = shutdown.connect(onShutdown);
        Optional<String> reloadAsked = reload.connect(signal -> onReload.run());
        if (shutdownAsked.isPresent()) {
            onShutdown.accept(shutdownAsked.get());
        } else if (reloadAsked.isPresent()) {
            onReload.run();
        }
    }

    /** One kind of signal's action, or the signal that came before there was one. */
    private static final class Relay {
        private Consumer<String> action;
        private Optional<String> early = Optional.empty();

        /** True when held while another held already waits. */
        boolean fire(String signal) {
            Consumer<String> now;
            boolean again;
            synchronized (this) {
                now = action;
                again = now == null && early.isPresent();
                if (now == null) {
                    early = Optional.of(signal);
                }
            }
            if (now != null) {
                now.accept(signal);
            }
            return again;
        }

        /** Sets the action; the signal that came before it, if one did. */
        synchronized Optional<String> connect(Consumer<String> to) {
            action = to;
            return early;
        }
    }
}
