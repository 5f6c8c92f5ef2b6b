package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.LiveInstances;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code timeouts.connect} and {@code timeouts.responseHeader}: an upstream that never takes the
 * connection, or takes the request and never begins its answer, is given up on with a 502.
 */
class ConnectTimeoutTest {

    @Test
    void anUpstreamThatNeverAcceptsFailsAfterTheConnectTimeout() throws Exception {
        List<SocketChannel> filling = new ArrayList<>();
        // a listener that never accepts, its accept queue filled: further connections hang in SYN
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 4; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), deaf.getLocalPort()));
                filling.add(channel);
            }
            try {
                assertChatFailsWith502(deaf.getLocalPort(), "{connect: 1}", "did not answer");
            } finally {
                for (SocketChannel channel : filling) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void anUpstreamThatNeverBeginsItsAnswerFailsAfterTheResponseHeaderTimeout() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            List<Socket> taken = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        taken.add(mute.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            try {
                assertChatFailsWith502(mute.getLocalPort(), "{responseHeader: 1}", "timeouts.responseHeader");
                assertEquals(1, taken.size(), "the request reached the upstream once, with no retry");
            } finally {
                mute.close();
                acceptor.join(5_000);
                for (Socket socket : taken) {
                    socket.close();
                }
            }
        }
    }

    /**
     * The response-header timer of a request that was answered is removed: left to fire, it held the
     * whole exchange for the timeout (a peer's default is 60 s), and a Swapdeck in front of a peer ran
     * out of a 256 MB heap after 20,000 quick chats.
     */
    @Test
    void anAnsweredRequestLeavesNoTimerHoldingIt() throws Exception {
        int requests = 300;
        try (TestUpstream upstream = new TestUpstream();
             OneModelProxy proxy = new OneModelProxy(upstream.uri().getPort(), "{responseHeader: 600}")) {
            for (int i = 0; i < requests; i++) {
                assertEquals(200, proxy.chat().statusCode());
            }
            long kept = LiveInstances.of(UpstreamCall.class);
            assertTrue(kept < requests / 10, kept + " of " + requests + " answered calls are still held");
        }
    }

    /** A chat for a model served at {@code port} with these {@code timeouts}: a 502 saying {@code why}, its lease released. */
    @Test
    void anUpstreamWhoseHostDoesNotResolveIsNamedSo() throws Exception {
        try (OneModelProxy proxy = new OneModelProxy("http://no-such-host.invalid:8080", "{connect: 30}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("could not connect (unknown host no-such-host.invalid)"), answer.body());
        }
    }

    private static void assertChatFailsWith502(int port, String timeouts, String why) throws Exception {
        try (OneModelProxy proxy = new OneModelProxy(port, timeouts)) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains(why), answer.body());
            assertTrue(proxy.engine.upstreams.lastLease().awaitClosed(), "the lease is released");
        }
    }
}
