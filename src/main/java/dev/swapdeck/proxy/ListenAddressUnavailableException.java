package dev.swapdeck.proxy;

import java.net.BindException;

/**
 * The proxy could not listen on the address it was given (in use, not local, not permitted).
 * {@code Main} exits with code 3 and prints the message, which names the address.
 */
public final class ListenAddressUnavailableException extends RuntimeException {
    private final String address;

    public ListenAddressUnavailableException(String address, Throwable cause) {
        super("cannot listen on " + address + ": " + reason(cause) + advice(cause, port(address)), cause);
        this.address = address;
    }

    /** The address as {@code host:port}. */
    public String address() {
        return address;
    }

    private static String reason(Throwable cause) {
        Throwable root = root(cause);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * What to do about it, for the causes a person meets: a port in use, an address not on this
     * machine, or a privileged port. The system's message may be in the person's language; a bind failure it does not
     * recognize gets both pieces of advice.
     */
    private static String advice(Throwable cause, int port) {
        Throwable root = root(cause);
        String reason = String.valueOf(root.getMessage());
        if (reason.contains("Permission denied") && port > 0 && port < 1024) {
            return ". Ports below 1024 are reserved for root (or a program granted CAP_NET_BIND_SERVICE): start"
                    + " with --listen 127.0.0.1:PORT on a port from 1024 up, such as 8080.";
        }
        if (reason.contains("in use")) {
            return ". Another program, perhaps a Swapdeck already running, has this port: quit it, or start"
                    + " with --listen 127.0.0.1:PORT on a free port (and point your chat apps there).";
        }
        if (reason.contains("assign requested address")) {
            return ". That address is not one of this machine's: use 127.0.0.1 (this machine only), or an"
                    + " address that `ip addr` lists.";
        }
        if (root instanceof BindException) {
            return ". Either another program has this port (quit it, or start with --listen 127.0.0.1:PORT on a"
                    + " free port), or the address is not one of this machine's (use 127.0.0.1).";
        }
        return "";
    }

    private static int port(String address) {
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Throwable root(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
