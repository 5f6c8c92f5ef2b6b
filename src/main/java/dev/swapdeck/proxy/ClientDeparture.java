package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;

/**
 * Watches the client's own socket while its request is being forwarded, so a client that leaves is
 * noticed when its FIN arrives, not at the next write (which, while a model thinks, may be seconds
 * away). The request was read in full, so the socket is quiet until the client leaves or pipelines
 * its next request (kept for Undertow, and watched past): its read readiness is armed on the connection's
 * lowest conduit, and each wake-up is judged by {@link ClientSocket}. When the exchange completes, Undertow puts its own reader back.
 * Call on the exchange's IO thread.
 */
final class ClientDeparture {
    private final HttpServerConnection connection;
    private final ConduitStreamSourceChannel channel;
    private boolean stopped;

    private ClientDeparture(HttpServerConnection connection, ConduitStreamSourceChannel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** Starts watching; {@code gone} runs once, on the IO thread, if the client leaves before {@link #stop}. */
    static ClientDeparture watch(HttpServerExchange exchange, Runnable gone) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)) {
            return new ClientDeparture(null, null);
        }
        ConduitStreamSourceChannel channel = new ConduitStreamSourceChannel(connection.getChannel().getSourceChannel(),
                connection.getOriginalSourceConduit());
        ClientDeparture departure = new ClientDeparture(connection, channel);
        channel.getReadSetter().set(ignored -> departure.look(exchange, gone));
        channel.resumeReads();
        return departure;
    }

    private void look(HttpServerExchange exchange, Runnable gone) {
        if (stopped) {
            return;
        }
        switch (ClientSocket.check(exchange)) {
            case GONE -> {
                stop();
                gone.run();
            }
            case PIPELINED -> stop();
            default -> {
            }
        }
    }

    /**
     * Stops watching and gives read readiness back to the connection's own channel (XNIO's
     * {@code setConduit}, which Undertow uses between requests, does not). Call before the exchange
     * completes.
     */
    void stop() {
        if (!stopped && channel != null) {
            stopped = true;
            channel.suspendReads();
            connection.getOriginalSourceConduit().setReadReadyHandler(
                    new ReadReadyHandler.ChannelListenerHandler<>(connection.getChannel().getSourceChannel()));
        }
    }
}
