package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.xnio.ChannelListener;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads one request body into memory without blocking, bounded twice (SPEC §8):
 * <ul>
 *   <li>by the body limit: a body into chunks of growing size (16 KiB up to 256 KiB, never a doubling
 *       copy), refused with 413 as soon as it passes the limit, so it costs at most about the limit;
 *       a declared length up to 64 KiB (a chat's, parsed on the IO thread) into one exact array, a
 *       longer one into chunks cut to its length: reserving the whole declared length at once let a
 *       few connections that trickle a byte now and then hold the whole budget;</li>
 *   <li>by the {@link BodyBudget}: each array is reserved before it is allocated; while the budget
 *       is short, reading pauses, and the request gets 503 when the wait runs out;</li>
 *   <li>in time: a body that goes {@code stallTimeout} without a byte (while not waiting for the
 *       budget) gets 408 and its connection is closed, so a client that declared a large body and
 *       stopped sending does not hold its reservation for good. Neither Undertow's header timeout nor
 *       its idle one runs while a body is read; a response is never timed by this.</li>
 * </ul>
 * Reservations are returned when the exchange completes, since the bytes live until the request
 * has been forwarded. Runs on the exchange's IO thread; the result goes to {@code done} there.
 */
final class BoundedBodyReader implements ChannelListener<StreamSourceChannel> {
    private static final int FIRST_CHUNK = 16 * 1024;
    /** Below half a G1 region of a small heap (1 MiB), so no chunk is a humongous object. */
    private static final int LARGEST_CHUNK = 256 * 1024;
    /** A declared length up to this is read into one exact array: the bodies parsed on the IO thread. */
    private static final int DECLARED_FIRST_CHUNK = ModelRouteHandler.PARSE_IN_PLACE_BYTES;

    /** What a failed read answers with; the caller sends it. */
    interface Failure {
        void fail(HttpServerExchange exchange, ApiError error);
    }

    private final HttpServerExchange exchange;
    private final long limit;
    private final BodyBudget budget;
    private final BodyBudget.Account account;
    private final BiConsumer<HttpServerExchange, BufferedBody> done;
    private final Failure failure;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final boolean declared;
    private final long stallNanos;
    private StreamSourceChannel channel;
    private long total;
    private long lastProgress;
    private boolean awaitingBudget;
    private XnioExecutor.Key stallTimer;

    private BoundedBodyReader(HttpServerExchange exchange, long limit, BodyBudget budget, Duration stallTimeout,
                              BiConsumer<HttpServerExchange, BufferedBody> done, Failure failure) {
        this.exchange = exchange;
        this.stallNanos = stallTimeout.toNanos();
        this.limit = limit;
        this.budget = budget;
        this.account = budget.account();
        this.done = done;
        this.failure = failure;
        this.declared = exchange.getRequestContentLength() >= 0;
    }

    /** Starts reading; call from the handler on the IO thread, after the declared length was checked. */
    static void read(HttpServerExchange exchange, long limit, BodyBudget budget, Duration stallTimeout,
                     BiConsumer<HttpServerExchange, BufferedBody> done, Failure failure) {
        BoundedBodyReader reader = new BoundedBodyReader(exchange, limit, budget, stallTimeout, done, failure);
        exchange.addExchangeCompleteListener((ex, next) -> {
            reader.completed.set(true);
            reader.stopStallTimer();
            reader.account.releaseAll();
            next.proceed();
        });
        // dispatched, so that Undertow does not end the exchange when the handler returns mid-read
        exchange.dispatch(SameThreadExecutor.INSTANCE, reader::start);
    }

    private void start() {
        long length = exchange.getRequestContentLength();
        if (length == 0) {
            done.accept(exchange, new BufferedBody(List.of()));
            return;
        }
        channel = exchange.getRequestChannel();
        lastProgress = System.nanoTime();
        grow(length > 0 ? (int) Math.min(length, DECLARED_FIRST_CHUNK) : (int) Math.min(FIRST_CHUNK, limit + 1));
    }

    /** Reserves and adds the next array to read into, pausing reads while the budget is short. */
    private void grow(int size) {
        channel.suspendReads();
        awaitingBudget = true;
        account.reserve(size, exchange.getIoThread(), granted -> {
            awaitingBudget = false;
            // the wait for room was Swapdeck's, not the client's: the stall clock starts again
            lastProgress = System.nanoTime();
            if (!granted) {
                // the connection stays: Undertow reads the rest of the body past and discards it
                // (at most the limit), so the client, still sending, is not cut off before the 503
                abandon();
                failure.fail(exchange, ApiError.bodyBudgetExhausted(budget.capacity()));
                return;
            }
            if (completed.get()) {
                account.releaseAll();
                return;
            }
            chunks.add(ByteBuffer.allocate(size));
            handleEvent(channel);
        });
    }

    /** Reads what is available; called again by XNIO when more arrives. */
    @Override
    public void handleEvent(StreamSourceChannel source) {
        if (chunks.isEmpty() || !readUntilWaiting(source)) {
            return;
        }
        if (stallTimer == null) {
            // only a body that has to be waited for is timed: most arrive with their head
            watchForStall(stallNanos - (System.nanoTime() - lastProgress));
        }
        source.getReadSetter().set(this);
        source.resumeReads();
    }

    /**
     * Reads what has arrived. True when the channel had nothing more while the body goes on (the
     * reader waits for bytes); false when the body was read to its end, needs the next array, or
     * failed, each of which has been handled.
     */
    private boolean readUntilWaiting(StreamSourceChannel source) {
        try {
            while (true) {
                ByteBuffer current = chunks.get(chunks.size() - 1);
                if (!current.hasRemaining()) {
                    long length = exchange.getRequestContentLength();
                    if (declared && total == length) {
                        finish();
                        return false;
                    }
                    if (declared) {
                        grow((int) Math.min(Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, total)), length - total));
                        return false;
                    }
                    // up to the limit, then a 1-byte array: one byte over is enough to know, and as a
                    // small reservation it is always granted (a budget of exactly the limit is no 503)
                    grow((int) Math.min(Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, total)), Math.max(1, limit - total)));
                    return false;
                }
                int read = source.read(current);
                if (read == -1) {
                    finish();
                    return false;
                }
                if (read == 0) {
                    return true;
                }
                total += read;
                lastProgress = System.nanoTime();
                if (total > limit) {
                    tooLarge();
                    return false;
                }
            }
        } catch (IOException e) {
            stopStallTimer();
            source.suspendReads();
            source.getReadSetter().set(null);
            exchange.setPersistent(false);
            failure.fail(exchange, ApiError.unreadableBody(e));
            return false;
        }
    }

    private void finish() {
        stopStallTimer();
        channel.suspendReads();
        channel.getReadSetter().set(null);
        for (ByteBuffer chunk : chunks) {
            chunk.flip();
        }
        done.accept(exchange, new BufferedBody(chunks));
    }

    /**
     * The body is refused: its arrays and their reservations go now, not when the exchange ends,
     * which is only once the drain that follows has read the rest (a client may stall in it).
     */
    private void abandon() {
        stopStallTimer();
        chunks.clear();
        account.releaseAll();
    }

    private void watchForStall(long delayNanos) {
        stallTimer = exchange.getIoThread().executeAfter(this::checkStall, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * On the IO thread: refuses the body if nothing came for the stall timeout, else looks again when
     * it could be. What has arrived is read first: a process that was frozen (SIGSTOP, a paused
     * container, a suspended machine) runs its due timers before it reads, and the bytes that came
     * while it stood still must not count as a stall.
     */
    private void checkStall() {
        if (stallTimer == null || completed.get()) {
            return;
        }
        stallTimer = null;
        if (!awaitingBudget && !readUntilWaiting(channel)) {
            return;
        }
        long quiet = System.nanoTime() - lastProgress;
        if (awaitingBudget || quiet < stallNanos) {
            watchForStall(awaitingBudget ? stallNanos : stallNanos - quiet);
            return;
        }
        channel.suspendReads();
        channel.getReadSetter().set(null);
        abandon();
        // the rest of the declared body will not be read: the connection cannot carry another request
        exchange.setPersistent(false);
        failure.fail(exchange, ApiError.bodyStalled(Duration.ofNanos(stallNanos)));
    }

    private void stopStallTimer() {
        if (stallTimer != null) {
            stallTimer.remove();
            stallTimer = null;
        }
    }

    private void tooLarge() {
        channel.suspendReads();
        channel.getReadSetter().set(null);
        abandon();
        BodyCap.discardAfterRefusal(exchange, limit);
        failure.fail(exchange, ApiError.tooLarge(limit));
    }
}
