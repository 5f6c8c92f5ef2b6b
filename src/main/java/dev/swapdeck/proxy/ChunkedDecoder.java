package dev.swapdeck.proxy;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes a chunked body (RFC 9112 §7.1) incrementally, without copying: {@link #next} hands out
 * slices of the input that hold chunk data, as soon as any arrive, so a streamed chunk is forwarded
 * the moment it is read. Trailers are collected for the response's own trailers.
 */
final class ChunkedDecoder {
    private static final int MAX_LINE = 8 * 1024;

    private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

    private State state = State.SIZE;
    private long remaining;
    private final StringBuilder line = new StringBuilder();
    private final HeaderMap trailers = new HeaderMap();

    /**
     * The next slice of chunk data in {@code in} (read mode; its position moves past what was used), or
     * null when {@code in} holds no more data: either it is used up or the body is complete.
     */
    ByteBuffer next(ByteBuffer in) throws IOException {
        while (in.hasRemaining() && state != State.DONE) {
            if (state == State.DATA) {
                int size = (int) Math.min(remaining, in.remaining());
                ByteBuffer slice = in.slice();
                slice.limit(size);
                in.position(in.position() + size);
                remaining -= size;
                if (remaining == 0) {
                    state = State.DATA_END;
                }
                return slice;
            }
            if (readLine(in)) {
                endOfLine(line.toString());
                line.setLength(0);
            }
        }
        return null;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** The trailer fields after the last chunk (empty if none). */
    HeaderMap trailers() {
        return trailers;
    }

    private boolean readLine(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return true;
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("the upstream sent a chunked body line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) (b & 0xff));
        }
        return false;
    }

    private void endOfLine(String text) throws IOException {
        switch (state) {
            case SIZE -> {
                int extension = text.indexOf(';');
                String hex = (extension < 0 ? text : text.substring(0, extension)).trim();
                try {
                    remaining = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("the upstream sent a malformed chunk size: " + hex);
                }
                if (remaining < 0) {
                    throw new IOException("the upstream sent a negative chunk size");
                }
                state = remaining == 0 ? State.TRAILER : State.DATA;
            }
            case DATA_END -> {
                if (!text.isEmpty()) {
                    throw new IOException("the upstream's chunk did not end where its size said");
                }
                state = State.SIZE;
            }
            case TRAILER -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                    return;
                }
                int colon = text.indexOf(':');
                if (colon > 0) {
                    trailers.add(new HttpString(text.substring(0, colon).trim()), text.substring(colon + 1).trim());
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
