package dev.swapdeck.proxy;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Notices a client that leaves while its request waits for a model to start or for the upstream's
 * first byte: every 50 ms, on the connection's IO thread, {@link ClientSocket} looks (one
 * non-blocking read of the socket, no busy loop), so a departure is noticed within 100 ms (SPEC §4).
 * A departed client's slot is abandoned: a request still queued is withdrawn from the router (no
 * swap, no start, no count towards the limit), a lease is released without the linger (a swap
 * waiting for it may go on at once), and the connection is closed, which makes the proxy drop its
 * upstream request. The check stops once the response starts (writes notice a departure from then on),
 * the client's pipelined requests fill the connection's buffer, or the exchange completes.
 */
final class ClientWatch implements Runnable, ExchangeCompletionListener {
    static final long INTERVAL_MILLIS = 50;

    private final HttpServerExchange exchange;
    private final LeaseSlot slot;
    private volatile boolean over;
    private volatile XnioExecutor.Key next;

    private ClientWatch(HttpServerExchange exchange, LeaseSlot slot) {
        this.exchange = exchange;
        this.slot = slot;
    }

    /** Starts watching {@code exchange}'s client on behalf of {@code slot}. */
    static void start(HttpServerExchange exchange, LeaseSlot slot) {
        ClientWatch watch = new ClientWatch(exchange, slot);
        exchange.addExchangeCompleteListener(watch);
        watch.schedule();
    }

    private void schedule() {
        if (!over) {
            next = exchange.getIoThread().executeAfter(this, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void run() {
        if (over || exchange.isComplete() || answering()) {
            return;
        }
        switch (look(exchange, slot)) {
            case THERE:
                schedule();
                break;
            case GONE:
                over = true;
                break;
            default:
                break;
        }
    }

    /**
     * One look at {@code exchange}'s client, on its IO thread (see {@link ClientSocket}). One found
     * gone is let go of: {@code slot} is abandoned ({@link LeaseSlot#clientLeft}) and the connection
     * closed, which makes the proxy drop its upstream request.
     */
    static ClientSocket.Presence look(HttpServerExchange exchange, LeaseSlot slot) {
        ClientSocket.Presence presence = ClientSocket.check(exchange);
        if (presence == ClientSocket.Presence.GONE) {
            slot.clientLeft();
            IoUtils.safeClose(exchange.getConnection());
        }
        return presence;
    }

    /**
     * Whether the answer has begun, so that writing it notices a departure. Loading messages
     * ({@link LoadingStream}) do not count: they are written only every 750 ms.
     */
    private boolean answering() {
        return exchange.isResponseStarted() && exchange.getAttachment(LoadingStream.WRITING) == null;
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
