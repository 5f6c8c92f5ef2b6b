package dev.swapdeck.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Notices a client that leaves while its request waits for a model to start or for the upstream's
 * first byte. Undertow learns of a closed connection only when it reads or writes, and then it does
 * neither: the body was read in full and the response has not begun. So about once a second, on the
 * connection's IO thread, a non-blocking read looks at the socket:
 * <ul>
 *   <li>nothing to read: the client is still there;</li>
 *   <li>end of stream or an error: the client left. The lease is released (a swap waiting for it may
 *       go on) and the connection closed, which makes the proxy drop its upstream request;</li>
 *   <li>bytes: a pipelined request, handed back to Undertow to parse after this exchange.</li>
 * </ul>
 * The check stops once the response starts (writes notice a departure from then on) or the exchange
 * completes. Only for requests whose body was read in full: otherwise the read would take body bytes.
 */
final class ClientWatch implements Runnable, ExchangeCompletionListener {
    static final long INTERVAL_MILLIS = 1000;

    private final HttpServerExchange exchange;
    private final HttpServerConnection connection;
    private final LeaseSlot slot;
    private volatile boolean over;
    private volatile XnioExecutor.Key next;

    private ClientWatch(HttpServerExchange exchange, HttpServerConnection connection, LeaseSlot slot) {
        this.exchange = exchange;
        this.connection = connection;
        this.slot = slot;
    }

    /** Starts watching {@code exchange}'s client on behalf of {@code slot}. */
    static void start(HttpServerExchange exchange, LeaseSlot slot) {
        if (exchange.getConnection() instanceof HttpServerConnection connection) {
            ClientWatch watch = new ClientWatch(exchange, connection, slot);
            exchange.addExchangeCompleteListener(watch);
            watch.schedule();
        }
    }

    private void schedule() {
        if (!over) {
            next = exchange.getIoThread().executeAfter(this, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void run() {
        if (over || exchange.isComplete() || exchange.isResponseStarted() || connection.getExtraBytes() != null) {
            return;
        }
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean handedBack = false;
        try {
            // below the request's own conduits, which only report the end of the body
            int read = connection.getOriginalSourceConduit().read(pooled.getBuffer());
            if (read == 0) {
                schedule();
            } else if (read < 0) {
                clientLeft();
            } else {
                pooled.getBuffer().flip();
                connection.setExtraBytes(pooled);
                handedBack = true;
            }
        } catch (IOException e) {
            clientLeft();
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }

    private void clientLeft() {
        over = true;
        slot.abandon();
        IoUtils.safeClose(connection);
    }

    @Override
    public void exchangeEvent(HttpServerExchange completed, NextListener nextListener) {
        over = true;
        XnioExecutor.Key key = next;
        if (key != null) {
            key.remove();
        }
        nextListener.proceed();
    }
}
