package dev.swapdeck.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whether the client of an exchange is still connected, found out without waiting. Undertow learns of
 * a closed connection only when it reads or writes; while an exchange neither reads (its request was
 * read in full) nor writes (its answer has not begun, or a log stream is quiet), this looks. Call on
 * the exchange's IO thread, and only once the request body has been read in full: otherwise the read
 * would take body bytes.
 */
final class ClientSocket {

    enum Presence {
        /** Nothing to read, or only more of the requests it queued: still connected. */
        THERE,
        /** End of stream or an error: the client closed its side. */
        GONE,
        /** No more looks: the client's queued requests fill the room kept for them, or the connection is not HTTP/1's. */
        PIPELINED
    }

    private ClientSocket() {
    }

    static Presence check(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)) {
            return Presence.PIPELINED;
        }
        PooledByteBuffer queued = connection.getExtraBytes();
        return queued == null ? firstLook(connection) : lookPast(connection, queued.getBuffer());
    }

    /** Reads what came; bytes of a next request are handed back to Undertow, which reads them after this exchange. */
    private static Presence firstLook(HttpServerConnection connection) {
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
            return Presence.THERE;
        } catch (IOException e) {
            return Presence.GONE;
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }

    /**
     * The client pipelined: its next requests wait in {@code queued} (read mode), and what comes is added
     * behind them, so its leaving is still seen. With no room left the socket is not read: unread bytes
     * would keep it readable, and a reader woken for them would spin.
     */
    private static Presence lookPast(HttpServerConnection connection, ByteBuffer queued) {
        queued.compact();
        try {
            if (!queued.hasRemaining()) {
                return Presence.PIPELINED;
            }
            return connection.getOriginalSourceConduit().read(queued) < 0 ? Presence.GONE : Presence.THERE;
        } catch (IOException e) {
            return Presence.GONE;
        } finally {
            queued.flip();
        }
    }
}
