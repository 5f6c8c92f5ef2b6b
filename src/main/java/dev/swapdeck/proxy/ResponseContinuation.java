package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * The contract for a response Swapdeck starts itself before forwarding (llama-swap's
 * {@code sendLoadingState}: SSE progress events while the model starts). The code that starts it takes
 * {@code exchange.getResponseChannel()}, writes and flushes its events (so
 * {@code exchange.isResponseStarted()} is true), and leaves the channel open with {@link #handOver}.
 * The forwarder then skips the upstream's status and headers and streams only its body onto that
 * channel; an upstream that answers non-2xx, or cannot be reached, ends the response with one SSE
 * {@code error} event instead.
 */
final class ResponseContinuation {
    private static final AttachmentKey<StreamSinkChannel> CHANNEL = AttachmentKey.create(StreamSinkChannel.class);

    private ResponseContinuation() {
    }

    /** Leaves the open response channel of a started response for the forwarder. Call on the IO thread. */
    static void handOver(HttpServerExchange exchange, StreamSinkChannel channel) {
        exchange.putAttachment(CHANNEL, channel);
    }

    /** The started response's channel: the one handed over, else the exchange's (if nobody took it). */
    static StreamSinkChannel channel(HttpServerExchange exchange) {
        StreamSinkChannel handed = exchange.getAttachment(CHANNEL);
        return handed != null ? handed : exchange.getResponseChannel();
    }

    /** Writes one SSE {@code error} event carrying {@code error}'s JSON body, then ends the response. */
    static void endWithError(HttpServerExchange exchange, ApiError error) {
        endWithError(exchange, error.toJson(), error.message());
    }

    /**
     * Writes one SSE {@code error} event whose data is {@code json} (one line), then ends the response;
     * the request's activity record keeps {@code why}.
     */
    static void endWithError(HttpServerExchange exchange, String json, String why) {
        ActivityTap.interrupted(exchange, why);
        StreamSinkChannel out = channel(exchange);
        if (out == null) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        ByteBuffer event = ByteBuffer.wrap(("event: error\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        ChannelListener<StreamSinkChannel> writer = channel -> {
            try {
                while (event.hasRemaining()) {
                    if (channel.write(event) == 0) {
                        channel.resumeWrites();
                        return;
                    }
                }
                channel.shutdownWrites();
                if (!channel.flush()) {
                    channel.resumeWrites();
                    return;
                }
                channel.suspendWrites();
                exchange.endExchange();
            } catch (IOException e) {
                IoUtils.safeClose(exchange.getConnection());
            }
        };
        out.getWriteSetter().set(writer);
        writer.handleEvent(out);
    }
}
