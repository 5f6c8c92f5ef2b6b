package dev.swapdeck.activity;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a copy of a compressed answer as it passes, for {@link ResponseWatcher} to read its usage
 * and events: clients send {@code Accept-Encoding: gzip} (the OpenAI SDKs do), and a server that
 * compresses (aiohttp, Starlette's GZip middleware, Node's zlib) had every such answer recorded
 * without tokens. The client gets the compressed bytes as they came; only the watcher's copy is
 * inflated. {@code gzip} (one member: its header read here, its trailer left) and {@code deflate}
 * (zlib); anything else ({@code br}) stays unread. Bounded: a body that inflates past
 * {@link #MAX_INFLATED} bytes, or that is not what its header says, stops being read. Not
 * thread-safe: one response, on its IO thread.
 */
final class CompressedBody {
    /** Past this many inflated bytes an answer is not read further: a compressed bomb costs no more. */
    static final long MAX_INFLATED = 64L * 1024 * 1024;
    private static final int CHUNK = 16 * 1024;
    private static final int GZIP_FIXED_HEADER = 10;
    private static final int MAX_GZIP_HEADER = 4 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /** Where inflated bytes go. */
    interface Sink {
        void inflated(ByteBuffer bytes, int from, int to);
    }

    private final Inflater inflater;
    private final byte[] out = new byte[CHUNK];
    /** A gzip header's bytes until it is whole; null once it has been read. */
    private byte[] header;
    private int headerLength;
    private long inflatedTotal;
    private boolean stopped;

    private CompressedBody(boolean gzip) {
        this.inflater = new Inflater(gzip);
        this.header = gzip ? new byte[MAX_GZIP_HEADER] : null;
    }

    /** An inflater for {@code contentEncoding}, or empty when there is none to undo or none this can undo. */
    static Optional<CompressedBody> of(String contentEncoding) {
        if (contentEncoding == null) {
            return Optional.empty();
        }
        return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> Optional.of(new CompressedBody(true));
            case "deflate" -> Optional.of(new CompressedBody(false));
            default -> Optional.empty();
        };
    }

    /** Inflates bytes {@code from} to {@code to} of {@code compressed} into {@code sink}. */
    void written(ByteBuffer compressed, int from, int to, Sink sink) {
        if (stopped || from >= to) {
            return;
        }
        byte[] input = new byte[to - from];
        compressed.get(from, input);
        int at = header == null ? 0 : readHeader(input);
        if (stopped || at >= input.length) {
            return;
        }
        inflater.setInput(input, at, input.length - at);
        try {
            while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                int n = inflater.inflate(out);
                if (n == 0) {
                    break;
                }
                inflatedTotal += n;
                if (inflatedTotal > MAX_INFLATED) {
                    end();
                    return;
                }
                sink.inflated(ByteBuffer.wrap(out), 0, n);
            }
        } catch (DataFormatException e) {
            end(); // not what its Content-Encoding says: the client has it as it came, unread here
        }
    }

    /** Takes header bytes from {@code input}; answers where the compressed data begins in it. */
    private int readHeader(byte[] input) {
        int taken = Math.min(input.length, header.length - headerLength);
        System.arraycopy(input, 0, header, headerLength, taken);
        int before = headerLength;
        headerLength += taken;
        int length = gzipHeaderLength();
        if (length < 0) {
            if (headerLength == header.length) {
                end();
            }
            return input.length; // all of it is header so far
        }
        header = null;
        return length - before;
    }

    /** The whole gzip header's length, -1 while it is not whole yet; stops on a header that is not gzip's. */
    private int gzipHeaderLength() {
        if (headerLength < GZIP_FIXED_HEADER) {
            return -1;
        }
        if ((header[0] & 0xff) != 0x1f || (header[1] & 0xff) != 0x8b || header[2] != 8) {
            end();
            return -1;
        }
        int flags = header[3] & 0xff;
        int at = GZIP_FIXED_HEADER;
        if ((flags & FEXTRA) != 0) {
            if (headerLength < at + 2) {
                return -1;
            }
            at += 2 + ((header[at] & 0xff) | (header[at + 1] & 0xff) << 8);
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                while (at < headerLength && header[at] != 0) {
                    at++;
                }
                at++; // past the zero that ends it
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at <= headerLength ? at : -1;
    }

    /** Reads no more of it and frees the inflater's native memory; once the answer has ended too. */
    void end() {
        if (!stopped) {
            stopped = true;
            inflater.end();
        }
    }
}
