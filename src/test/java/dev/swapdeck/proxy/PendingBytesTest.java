package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A live feed's unsent text: kept in order, and let go once sent or when the feed ends. */
class PendingBytesTest {
    private static final String HISTORY = "a history line\n".repeat(7_000); // about 100 KB, as a full log's

    /** Takes at most {@code perCall} bytes a call, as a socket with a full send buffer does. */
    private static final class SlowChannel implements WritableByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int perCall;
        /** The largest buffer handed over: a response channel may keep the last one as long as its connection. */
        int largestBuffer;

        SlowChannel(int perCall) {
            this.perCall = perCall;
        }

        @Override
        public int write(ByteBuffer source) {
            largestBuffer = Math.max(largestBuffer, source.capacity());
            int n = Math.min(perCall, source.remaining());
            byte[] bytes = new byte[n];
            source.get(bytes);
            received.write(bytes, 0, n);
            if (perCall != Integer.MAX_VALUE) {
                perCall = 0; // one write, then the socket is full
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void sentTextIsNotKeptAfterwards() throws Exception {
        PendingBytes pending = new PendingBytes();
        pending.append(HISTORY);
        SlowChannel channel = new SlowChannel(Integer.MAX_VALUE);

        assertTrue(pending.writeTo(channel));
        assertEquals(HISTORY, channel.received.toString(StandardCharsets.UTF_8));
        assertEquals(0, pending.held(), "a feed that has sent its history no longer holds it");
        assertTrue(channel.largestBuffer <= 16 * 1024, "the channel got a " + channel.largestBuffer + "-byte buffer");
    }

    @Test
    void aFeedThatEndsWithTextUnsentLetsGoOfIt() throws Exception {
        PendingBytes pending = new PendingBytes();
        pending.append(HISTORY);
        SlowChannel channel = new SlowChannel(64 * 1024);
        pending.writeTo(channel);
        assertEquals(HISTORY.length() - channel.received.size(), pending.unsent(), "the rest waits, in order");
        assertTrue(pending.unsent() > 0);

        pending.release();

        assertEquals(0, pending.held(), "a client that left mid-history costs nothing afterwards");
    }

    @Test
    void textArrivingWhileSomeIsUnsentFollowsItInOrder() throws Exception {
        PendingBytes pending = new PendingBytes();
        pending.append("first ");
        SlowChannel channel = new SlowChannel(3);
        pending.writeTo(channel);
        pending.append("second");
        assertFalse(pending.writeTo(channel), "the socket takes nothing more now");

        channel.perCall = Integer.MAX_VALUE;
        pending.writeTo(channel);

        assertEquals("first second", channel.received.toString(StandardCharsets.UTF_8));
    }
}
