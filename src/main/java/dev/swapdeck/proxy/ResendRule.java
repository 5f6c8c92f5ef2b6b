package dev.swapdeck.proxy;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether a request whose connection broke or closed before any answer is sent once more, on a fresh
 * connection: only when no server can have read it, and only once. A request that no server can have
 * read is one whose connection broke before any of it went out, or was reset (a reused one closed
 * while idle; llama-server closes a new one unread when its descriptor is past 1,023, as cpp-httplib
 * polls with {@code select}, which a storm of aborted requests reaches). One closed cleanly after it
 * went out may have been read and acted on, so it is not sent again: a generation runs at most once
 * per request. One call's state, on its IO thread.
 */
final class ResendRule {
    /** Bytes of the request written on the current connection. */
    private long written;
    /** Whether a server may have read the request: some of it went out on a connection not reset unread. */
    private boolean mayHaveBeenRead;
    /** What the server did on the first connection, once one failed. */
    private String firstFailure;

    /** A connection was opened or taken from the pool: the request is sent from its start. */
    void connected() {
        written = 0;
    }

    void wrote(long bytes) {
        written += bytes;
    }

    /** Whether some of the request went out on the current connection. */
    boolean sentAny() {
        return written > 0;
    }

    /** Whether the request is on its first connection. */
    boolean firstTry() {
        return firstFailure == null;
    }

    /**
     * The server {@code did} this to the connection before any answer. {@code resetUnread} tells, when
     * some of the request went out, whether the connection turned out reset with it unread; {@code
     * stopping}: the server's process is being stopped or has exited, so nothing is sent again.
     *
     * @return empty when the request goes once more on a fresh connection; else why it does not
     */
    Optional<String> failed(String did, BooleanSupplier resetUnread, boolean stopping) {
        if (written > 0 && !resetUnread.getAsBoolean()) {
            mayHaveBeenRead = true;
        }
        written = 0;
        if (firstFailure == null && !mayHaveBeenRead && !stopping) {
            firstFailure = did;
            return Optional.empty();
        }
        boolean keptBack = firstFailure == null && mayHaveBeenRead && !stopping;
        return Optional.of("did not answer: it " + did
                + (keptBack ? " to a request it may have read, so the request was not sent again" : ""));
    }

    /** The 502's message for {@code why} the call failed, with what a first connection met, if one failed. */
    String reason(String why) {
        if (firstFailure == null) {
            return why;
        }
        return why.endsWith(firstFailure) ? why + ", on a second connection too"
                : why + ", after it " + firstFailure + " on a first connection";
    }

    /** Whether a server may have read the request: what {@link CallEndings#unreachable} is told. */
    boolean mayHaveBeenRead() {
        return mayHaveBeenRead || written > 0;
    }

    /** What a connection's failure says, for the 502's wording. */
    static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage(); // its message is the bare name
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
