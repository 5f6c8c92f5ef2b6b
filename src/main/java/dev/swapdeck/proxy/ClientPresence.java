package dev.swapdeck.proxy;

import dev.swapdeck.routing.Presence;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The {@link Presence} of a waiting request's client: one look at its socket on the connection's IO
 * thread, as {@link ClientWatch} looks every 50 ms, and a client found gone let go of as the watch
 * lets one go (the request leaves the queue). The route carrying it may outlive the exchange (a
 * lease keeps its route), so the exchange is let go of once it completes.
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
        return !current.isComplete() && ClientWatch.look(current, slot) != ClientSocket.Presence.GONE;
    }

    @Override
    public void exchangeEvent(HttpServerExchange completed, NextListener next) {
        exchange = null;
        next.proceed();
    }
}
