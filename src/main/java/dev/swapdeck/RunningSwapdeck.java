package dev.swapdeck;

import dev.swapdeck.logging.OneLine;
import dev.swapdeck.process.PortHolders;
import dev.swapdeck.security.Secrets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * A program already listening where this Swapdeck was to (often another Swapdeck, or the llama-swap
 * it replaces): named to the person, with what to do.
 */
final class RunningSwapdeck {
    /** The most of another program's command line a message quotes. */
    private static final int COMMAND_CHARS = 160;

    private RunningSwapdeck() {
    }

    /**
     * What to tell someone whose second launch (from the desktop menu, say) finds a Swapdeck already
     * holding the address: the menu's launcher takes no {@code --listen}, so "use the one running" is the
     * advice that can be followed.
     */
    static Optional<String> at(ListenAddress listen) {
        return holder(listen).map(holder -> isSwapdeck(holder.command())
                ? "Swapdeck is already running at " + listen.clientBaseUrl(listen.port()) + " (pid " + holder.pid()
                        + "): use that one (its window, or that address in your chat apps), or quit it first. To run"
                        + " another beside it, start this one with --listen 127.0.0.1:PORT on a free port."
                : "cannot listen on " + listen + ": another program has this port, pid " + holder.pid() + " ("
                        + OneLine.clip(Secrets.commandText(holder.command()), COMMAND_CHARS) + "): quit it, or start"
                        + " Swapdeck with --listen 127.0.0.1:PORT on a free port (and point your chat apps there).");
    }

    private static Optional<PortHolders.Holder> holder(ListenAddress listen) {
        try {
            InetAddress address = listen.socketAddress().getAddress();
            InetAddress reached = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
            return PortHolders.on(reached, listen.port());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A Swapdeck's command line: the jar, the main class, or the packaged launcher. */
    static boolean isSwapdeck(String command) {
        String program = command.split(" ", 2)[0];
        return command.contains("swapdeck.jar") || List.of(command.split(" ")).contains(Main.class.getName())
                || program.endsWith("/bin/swapdeck") || program.equals("swapdeck");
    }
}
