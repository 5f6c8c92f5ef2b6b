package dev.swapdeck.proxy;

import dev.swapdeck.routing.Presence;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * The {@link Presence} of a waiting request's client: one look at its socket on the connection's IO
 * thread ({@link ClientSocket}), as {@link ClientWatch} looks every 50 ms. A client found gone is
 * handled as the watch handles one: its slot is abandoned (the request leaves the queue) and its
 * connection closed. The route carrying it may outlive the exchange (a lease keeps its route), so the
 * exchange is let go of once it completes.
 */
final class ClientPresence implements Presence, ExchangeCompletionListener {
    private final LeaseSlot slot;
    private volatile HttpServerExchange exchange;

    private ClientPresence(HttpServerExchange exchange, LeaseSlot slot) {
        this.exchange = exchange;
        this.slot = slot;
    }

    /** The presence of {@code exchange}'s client, for the request {@code slot} waits on. */
    static Presence of(HttpServerExchange exchange, LeaseSlot slot) {
        ClientPresence presence = new ClientPresence(exchange, slot);
        exchange.addExchangeCompleteListener(presence);
        return presence;
    }

    @Override
    public void confirm(Consumer<Boolean> answer) {
        HttpServerExchange current = exchange;
        if (current == null) {
            answer.accept(false);
            return;
        }
        try {
            current.getIoThread().execute(() -> answer.accept(look(current)));
        } catch (RejectedExecutionException stopping) {
            answer.accept(true); // the server is stopping: the swap goes as it would have without the look
        }
    }

    private boolean look(HttpServerExchange current) {
        if (current.isComplete()) {
            return false;
        }
        if (ClientSocket.check(current) != ClientSocket.Presence.GONE) {
            return true;
        }
        slot.clientLeft();
        IoUtils.safeClose(current.getConnection());
        return false;
    }

    @Override
    public void exchangeEvent(HttpServerExchange completed, NextListener next) {
        exchange = null;
        next.proceed();
    }
}
