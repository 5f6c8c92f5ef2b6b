package dev.swapdeck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into an orderly shutdown instead of the JVM's abrupt exit, so that
 * children get their grace period and the process exits 0. A second signal while shutting down is
 * ignored: the shutdown is already bounded. SIGHUP reloads the configuration (it would otherwise
 * end the JVM with 129 and every model with it).
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    /**
     * Installs the shutdown handlers; answers the signals among SIGINT and SIGTERM that were ignored
     * when the JVM started, which the JVM keeps ignored: a background job of a non-interactive shell
     * ({@code swapdeck &} in a script) starts with SIGINT ignored, and Ctrl+C or {@code kill -INT}
     * then does nothing. {@code action} is told which signal came ({@code SIGTERM}).
     */
    static List<String> onShutdownSignal(Consumer<String> action) {
        List<String> ignored = new ArrayList<>();
        for (String name : new String[] {"INT", "TERM"}) {
            if (Signal.handle(new Signal(name), signal -> action.accept("SIG" + name)) == SignalHandler.SIG_IGN) {
                ignored.add("SIG" + name);
            }
        }
        return ignored;
    }

    /**
     * Installs the reload handler; false when SIGHUP was already ignored when the JVM started
     * ({@code nohup}, some service managers): the JVM then keeps it ignored and no handler ever runs.
     */
    static boolean onReloadSignal(Runnable action) {
        return Signal.handle(new Signal("HUP"), signal -> action.run()) != SignalHandler.SIG_IGN;
    }

    /**
     * A last line of defence for exits that bypass the orderly path: whatever Swapdeck started is
     * killed when the JVM goes down.
     */
    static void killChildrenOnExit() {
        Thread hook = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "swapdeck-exit-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }
}
