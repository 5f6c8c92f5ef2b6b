package dev.swapdeck.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;

/**
 * Whether the client of an exchange is still connected, found out without waiting. Undertow learns of
 * a closed connection only when it reads or writes; while an exchange neither reads (its request was
 * read in full) nor writes (its answer has not begun, or a log stream is quiet), this looks. Call on
 * the exchange's IO thread, and only once the request body has been read in full: otherwise the read
 * would take body bytes.
 */
final class ClientSocket {

    enum Presence {
        /** Nothing to read: still connected. */
        THERE,
        /** End of stream or an error: the client closed its side. */
        GONE,
        /** The client already sent its next request; its bytes were handed back to Undertow. */
        PIPELINED
    }

    private ClientSocket() {
    }

    static Presence check(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)
                || connection.getExtraBytes() != null) {
            return Presence.PIPELINED;
        }
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean handedBack = false;
        try {
            // below the request's own conduits, which only report the end of the body
            int read = connection.getOriginalSourceConduit().read(pooled.getBuffer());
            if (read == 0) {
                return Presence.THERE;
            }
            if (read < 0) {
                return Presence.GONE;
            }
            pooled.getBuffer().flip();
            connection.setExtraBytes(pooled);
            handedBack = true;
            return Presence.PIPELINED;
        } catch (IOException e) {
            return Presence.GONE;
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }
}
