package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The upstream response head parser and the chunked decoder, fed the way a socket feeds them: in pieces. */
class UpstreamWireFormatTest {
    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHeadIsParsedOnlyOnceComplete() throws IOException {
        assertNull(UpstreamHead.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n")));
        ByteBuffer buffer = bytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        UpstreamHead head = UpstreamHead.parse(buffer);
        assertEquals(503, head.status());
        assertEquals("Service Unavailable", head.reason());
        assertEquals(UpstreamHead.Framing.LENGTH, head.framing(false));
        assertEquals(2, head.contentLength());
        assertFalse(head.keepsAlive());
        assertEquals("ok", StandardCharsets.ISO_8859_1.decode(buffer).toString(), "the body stays in the buffer");
    }

    @Test
    void headsFollowingEachOtherInADirectBufferAreReadFromItsPosition() throws IOException {
        byte[] wire = ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type:  application/json \r\n"
                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer socketBuffer = ByteBuffer.allocateDirect(256);
        socketBuffer.put(wire, 0, 40).flip();
        assertTrue(UpstreamHead.parse(socketBuffer).informational());
        int afterContinue = socketBuffer.position();
        assertNull(UpstreamHead.parse(socketBuffer), "the second head is not complete yet");
        assertEquals(afterContinue, socketBuffer.position());
        // the next read appends the rest behind what is still unread
        socketBuffer.limit(socketBuffer.capacity()).position(40);
        socketBuffer.put(wire, 40, wire.length - 40).limit(wire.length).position(afterContinue);
        UpstreamHead head = UpstreamHead.parse(socketBuffer);
        assertEquals(200, head.status());
        assertEquals("application/json", head.headers().getFirst(Headers.CONTENT_TYPE));
        assertEquals(2, head.contentLength());
        assertEquals("{}", StandardCharsets.ISO_8859_1.decode(socketBuffer).toString());
    }

    @Test
    void bareLineFeedsReasonlessStatusLinesAndBadHeaderLinesAreHandled() throws IOException {
        UpstreamHead bare = UpstreamHead.parse(bytes("HTTP/1.1 200\nX-Model: tiny-a\nContent-Length: 0\n\n"));
        assertEquals(200, bare.status());
        assertEquals("", bare.reason());
        assertEquals("tiny-a", bare.headers().getFirst("X-Model"));
        assertTrue(bare.keepsAlive());
        UpstreamHead spaced = UpstreamHead.parse(bytes("HTTP/1.1 404 Not  Found Here\r\nA:  b c \r\n\r\n"));
        assertEquals("Not  Found Here", spaced.reason());
        assertEquals("b c", spaced.headers().getFirst("A"));
        assertThrows(IOException.class, () -> UpstreamHead.parse(bytes("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")));
        assertThrows(IOException.class, () -> UpstreamHead.parse(bytes("HTTP/1.1 2x0 OK\r\n\r\n")));
        assertThrows(IOException.class, () -> UpstreamHead.parse(bytes("HTTP/1.1\r\n\r\n")));
        for (String status : new String[] {"1200", "-5", "099", "20", "+20", "2000"}) {
            assertThrows(IOException.class, () -> UpstreamHead.parse(bytes("HTTP/1.1 " + status + " Weird\r\n\r\n")), status);
        }
        assertEquals(599, UpstreamHead.parse(bytes("HTTP/1.1 599 Odd\r\n\r\n")).status());
    }

    @Test
    void framingFollowsRfc9112() throws IOException {
        assertEquals(UpstreamHead.Framing.CHUNKED, UpstreamHead.parse(bytes(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n")).framing(false));
        assertEquals(UpstreamHead.Framing.NONE, UpstreamHead.parse(bytes("HTTP/1.1 204 No Content\r\n\r\n")).framing(false));
        assertEquals(UpstreamHead.Framing.NONE, UpstreamHead.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n")).framing(true));
        UpstreamHead old = UpstreamHead.parse(bytes("HTTP/1.0 200 OK\r\n\r\n"));
        assertEquals(UpstreamHead.Framing.UNTIL_CLOSE, old.framing(false));
        assertFalse(old.keepsAlive());
        assertTrue(UpstreamHead.parse(bytes("HTTP/1.1 100 Continue\r\n\r\n")).informational());
        assertThrows(IOException.class, () -> UpstreamHead.parse(bytes("SSH-2.0-OpenSSH\r\n\r\n")));
        assertEquals(UpstreamHead.Framing.CHUNKED, UpstreamHead.parse(bytes(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked \r\n\r\n")).framing(false));
        assertEquals(UpstreamHead.Framing.CHUNKED, UpstreamHead.parse(bytes(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n")).framing(false));
        for (String coding : new String[] {"gzip", "chunked, gzip", "gzip, chunked", "chunked\r\nTransfer-Encoding: chunked"}) {
            UpstreamHead coded = UpstreamHead.parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: " + coding
                    + "\r\nContent-Length: 3\r\n\r\n"));
            assertThrows(IOException.class, () -> coded.framing(false), coding);
        }
    }

    /** Header tokens are ASCII: in a Turkish locale "KEEP-ALIVE".toLowerCase() would read "keep-al\u0131ve". */
    @Test
    void connectionTokensReadTheSameInEveryLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertTrue(UpstreamHead.parse(bytes("HTTP/1.0 200 OK\r\nConnection: KEEP-ALIVE\r\nContent-Length: 0\r\n\r\n"))
                    .keepsAlive());
            assertFalse(UpstreamHead.parse(bytes("HTTP/1.1 200 OK\r\nConnection: CLOSE\r\nContent-Length: 0\r\n\r\n"))
                    .keepsAlive());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void chunksComeOutAsTheyArriveAndTrailersAreKept() throws IOException {
        ChunkedDecoder decoder = new ChunkedDecoder();
        StringBuilder data = new StringBuilder();
        String wire = "6\r\ndata: \r\nb;ext=1\r\n[DONE]\n\nxyz\r\n0\r\nX-Usage: 42\r\n\r\n";
        for (int i = 0; i < wire.length(); i++) {
            ByteBuffer piece = bytes(wire.substring(i, i + 1));
            for (ByteBuffer slice = decoder.next(piece); slice != null; slice = decoder.next(piece)) {
                data.append(StandardCharsets.ISO_8859_1.decode(slice));
            }
        }
        assertEquals("data: [DONE]\n\nxyz", data.toString());
        assertTrue(decoder.done());
        assertEquals("42", decoder.trailers().getFirst("X-Usage"));
    }

    @Test
    void sizeLinesMayCarryBlanksExtensionsAndBareLineFeeds() throws IOException {
        ChunkedDecoder decoder = new ChunkedDecoder();
        ByteBuffer wire = bytes(" 3 \r\nabc\n0A;name=\"x y\"\r\n0123456789\r\n0\n\n");
        StringBuilder data = new StringBuilder();
        for (ByteBuffer slice = decoder.next(wire); slice != null; slice = decoder.next(wire)) {
            data.append(StandardCharsets.ISO_8859_1.decode(slice));
        }
        assertEquals("abc0123456789", data.toString());
        assertTrue(decoder.done());
    }

    @Test
    void aMalformedChunkSizeIsAnError() {
        for (String wire : List.of("\r\n", "1 2\r\nab\r\n", "-1\r\n", "+1\r\na\r\n", "8000000000000000\r\n")) {
            assertThrows(IOException.class, () -> new ChunkedDecoder().next(bytes(wire)), wire);
        }
        assertThrows(IOException.class, () -> {
            ChunkedDecoder decoder = new ChunkedDecoder();
            ByteBuffer wire = bytes("1\r\na\r\r\n0\r\n\r\n");
            while (decoder.next(wire) != null) {
                assertFalse(decoder.done());
            }
        });
        assertThrows(IOException.class, () -> new ChunkedDecoder().next(bytes("zz\r\n")));
        assertThrows(IOException.class, () -> {
            ChunkedDecoder decoder = new ChunkedDecoder();
            ByteBuffer wire = bytes("2\r\nabX\r\n");
            while (decoder.next(wire) != null) {
                assertFalse(decoder.done());
            }
        });
    }
}
