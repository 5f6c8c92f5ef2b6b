package dev.swapdeck.proxy;

import dev.swapdeck.routing.Presence;
import io.undertow.server.HttpServerExchange;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * The {@link Presence} of a waiting request's client: one look at its socket on the connection's IO
 * thread ({@link ClientSocket}), as {@link ClientWatch} looks every 50 ms. A client found gone is
 * handled as the watch handles one: its slot is abandoned (the request leaves the queue) and its
 * connection closed.
 */
final class ClientPresence implements Presence {
    private final HttpServerExchange exchange;
    private final LeaseSlot slot;

    ClientPresence(HttpServerExchange exchange, LeaseSlot slot) {
        this.exchange = exchange;
        this.slot = slot;
    }

    @Override
    public void confirm(Consumer<Boolean> answer) {
        exchange.getIoThread().execute(() -> answer.accept(look()));
    }

    private boolean look() {
        if (exchange.isComplete()) {
            return false;
        }
        if (ClientSocket.check(exchange) != ClientSocket.Presence.GONE) {
            return true;
        }
        slot.clientLeft();
        IoUtils.safeClose(exchange.getConnection());
        return false;
    }
}
