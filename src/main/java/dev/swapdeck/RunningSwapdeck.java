package dev.swapdeck;

import dev.swapdeck.process.PortHolders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** A Swapdeck already listening where this one was to: named to the person, with what to do. */
final class RunningSwapdeck {
    private RunningSwapdeck() {
    }

    /**
     * What to tell someone whose second launch (from the desktop menu, say) finds a Swapdeck already
     * holding the address: the menu's launcher takes no {@code --listen}, so "use the one running" is the
     * advice that can be followed.
     */
    static Optional<String> at(ListenAddress listen) {
        try {
            InetAddress address = listen.socketAddress().getAddress();
            InetAddress reached = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
            return PortHolders.on(reached, listen.port()).filter(holder -> isSwapdeck(holder.command()))
                    .map(holder -> "Swapdeck is already running at " + listen.clientBaseUrl(listen.port()) + " (pid "
                            + holder.pid() + "): use that one (its window, or that address in your chat apps), or quit"
                            + " it first. To run another beside it, start this one with --listen 127.0.0.1:PORT on a"
                            + " free port.");
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A Swapdeck's command line: the jar, the main class, or the packaged launcher. */
    static boolean isSwapdeck(String command) {
        String program = command.split(" ", 2)[0];
        return command.contains("swapdeck.jar") || command.contains(Main.class.getName())
                || program.endsWith("/bin/swapdeck") || program.equals("swapdeck");
    }
}
