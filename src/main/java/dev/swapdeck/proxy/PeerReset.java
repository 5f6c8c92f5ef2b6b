package dev.swapdeck.proxy;

import java.io.IOException;

/**
 * Whether a connection failed because its peer reset it (TCP RST). A server's kernel resets a
 * connection, instead of closing it, when the socket is closed with data unread in it or is already
 * gone: a request on a connection reset before any answer was never read by the server, where one
 * on a connection closed cleanly (FIN) may have been read before the server died.
 *
 * <p>The JDK gives no error number, only the system's words: {@code Connection reset} from a read,
 * {@code Connection reset by peer} or {@code Broken pipe} from a write.
 */
final class PeerReset {
    private PeerReset() {
    }

    /** Whether {@code failure} (null: a clean close) says the peer reset the connection. */
    static boolean said(IOException failure) {
        String message = failure == null ? null : failure.getMessage();
        return message != null && (message.startsWith("Connection reset") || message.equals("Broken pipe"));
    }
}
