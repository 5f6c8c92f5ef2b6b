package dev.swapdeck.proxy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import org.xnio.StreamConnection;

/**
 * Acknowledges what was read from a TCP connection at once, instead of after Linux's delayed-ACK
 * timer (~40 ms once a connection is in request/response rhythm). A peer that writes one message in
 * two writes without TCP_NODELAY holds the second until the first is acknowledged: llama-server's
 * answer heads and bodies, and a client's request head and body sent the same way (httpx's
 * synchronous client did until httpcore 0.17.2, May 2023).
 * Each call is one setsockopt, needed after every read that leaves a message incomplete, since the
 * kernel drops back to delayed ACKs on its own.
 */
final class QuickAck {
    private static final SocketOption<Boolean> OPTION = option();
    private static final Method SOCKET_CHANNEL = socketChannelAccessor();

    private final SocketChannel socket;

    private QuickAck(SocketChannel socket) {
        this.socket = socket;
    }

    /** For {@code connection}'s socket; null where this JDK or platform cannot (not Linux, not NIO). */
    static QuickAck of(StreamConnection connection) {
        SocketChannel socket = OPTION == null ? null : socketOf(connection);
        return socket == null ? null : new QuickAck(socket);
    }

    /** Sends the ACK that is due now and leaves delayed-ACK mode; false when the socket refused. */
    boolean ack() {
        try {
            socket.setOption(OPTION, true);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static SocketOption<Boolean> option() {
        try {
            SocketOption<Boolean> option = ExtendedSocketOptions.TCP_QUICKACK;
            try (SocketChannel probe = SocketChannel.open()) {
                return probe.supportedOptions().contains(option) ? option : null;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** XNIO keeps its NIO channel package-private; reaching it is the only way to set TCP_QUICKACK. */
    private static Method socketChannelAccessor() {
        try {
            Method method = Class.forName("org.xnio.nio.NioSocketStreamConnection").getDeclaredMethod("getChannel");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static SocketChannel socketOf(StreamConnection stream) {
        if (SOCKET_CHANNEL == null || !SOCKET_CHANNEL.getDeclaringClass().isInstance(stream)) {
            return null;
        }
        try {
            return (SocketChannel) SOCKET_CHANNEL.invoke(stream);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
