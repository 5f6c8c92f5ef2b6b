package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.testing.LlamaLikeUpstream;
import dev.swapdeck.testing.TestModels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A stopped model's port is free at once for whatever binds it next. When a server closes a TCP
 * connection first (on its exit, or after answering a probe that asked for {@code Connection: close}),
 * the TIME_WAIT that follows stays on the server's own port for a minute, and a server that binds
 * without SO_REUSEADDR, or with other socket options, fails to start there: seen by hand, llama-server
 * answered "couldn't bind HTTP server socket" on the port the demo had just left. Swapdeck's side ends
 * such connections with a reset, so no TIME_WAIT is left on the model's port. That holds too for the
 * connection llama-server closes right after a streamed answer, which Swapdeck closes a little later.
 */
@EnabledOnOs(OS.LINUX)
class PortsLeftFreeTest {
    private static final long BIND_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(3);

    @Test
    void aModelsPortCanBeBoundWithoutReuseRightAfterItStops() throws Exception {
        ModelConfig model = TestModels.model("a").build();
        int port = model.port().orElseThrow();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            // health probes while it starts, then the chat's pooled connection, kept idle afterwards
            assertEquals(200, swapdeck.chat("a", "").statusCode());
            assertEquals(200, swapdeck.chat("a", "").statusCode());

            swapdeck.core.engine.unload("a").get(30, TimeUnit.SECONDS);

            bindWithoutReuse(port);
        }
    }

    @Test
    void aModelsPortCanBeBoundWithoutReuseAfterTheServerClosedAStreamsConnection() throws Exception {
        TestModels.Builder builder = TestModels.model("llama");
        int port = builder.port();
        ModelConfig model = builder.cmd(LlamaLikeUpstream.argv("--port", String.valueOf(port))).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            for (int i = 0; i < 3; i++) {
                LiveSwapdeck.Stream stream = swapdeck.stream("llama", 3, 1, () -> { });
                assertTrue(stream.finished(), "[DONE] arrives: " + stream.events());
            }

            swapdeck.core.engine.unload("llama").get(30, TimeUnit.SECONDS);

            bindWithoutReuse(port);
        }
    }

    /** Binds an IPv4 listener as llama-server does, but without SO_REUSEADDR: a TIME_WAIT on the port refuses it. */
    private static void bindWithoutReuse(int port) throws InterruptedException {
        long deadline = System.nanoTime() + BIND_PATIENCE_NANOS;
        IOException last;
        do {
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                listener.bind(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("port " + port + " still taken 3 s after its model stopped: " + last);
    }
}
