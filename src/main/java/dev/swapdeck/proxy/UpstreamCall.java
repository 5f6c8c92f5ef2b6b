package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/**
 * One request forwarded to an upstream over a plain-TCP connection, driven by XNIO readiness on the
 * exchange's own IO thread (no locks, no thread hand-offs): write head and body in one gathering
 * write, parse the response head, then pass each piece of body to the client's response channel as
 * it is read and flush it. The client's response goes through the exchange's own channel and conduits
 * (wrappers added with {@code addResponseWrapper} see every byte).
 *
 * <p>A connection goes back to its pool only after a clean, complete, keep-alive exchange that was not
 * an event stream (llama-server closes a connection a fraction of a millisecond after a stream,
 * without saying so); one that carried an aborted or broken exchange is closed. A request that no
 * server can have read is sent once more, on a fresh connection ({@link ResendRule}).
 *
 * <p>Continuation: when Swapdeck already started the response (loading progress sent as SSE), the
 * upstream's status and headers are skipped and only its body is streamed onto that response; a
 * non-2xx answer's body is read in full instead and ends the stream as an error event.
 */
final class UpstreamCall {
    /** How a failure to connect begins; {@link LeaseEndings} adds what to do for a model ready unchecked. */
    static final String NOT_CONNECTED = "did not answer: could not connect";
    private static final String CLIENT_LEFT = "the client left before the answer ended";
    /** How long a close before any answer is given to turn out a reset (a request unread): see {@link #awaitReset}. */
    private static final long RESET_WAIT_MILLIS = 50;

    private final HttpServerExchange exchange;
    private final UpstreamPool pool;
    private final ByteBuffer[] request;
    private final boolean headRequest;
    private final boolean continuation;
    private final CallEndings endings;
    private final ResendRule resend = new ResendRule();
    private final ResponseBuffer buffer;

    private ClientDeparture departure;
    private UpstreamConnection connection;
    private XnioExecutor.Key headTimer;
    private long received;
    private UpstreamHead head;
    private UpstreamHead.Framing framing;
    private AnswerBody answer;
    private UpstreamRefusal refusal;
    private final Duration clientStall;
    private ClientStream client;
    private ClientStall stall;
    private boolean streamHeadUnsent;
    private boolean over;
    /** Writing the request to the current connection failed: whatever it answers, it is not reused. */
    private boolean requestCut;

    /**
     * {@code body}: the request body's chunks, sent after {@code head} in one gathering write;
     * {@code clientStall}: how long the answer waits for a client that takes none of it.
     */
    UpstreamCall(HttpServerExchange exchange, UpstreamPool pool, ByteBuffer head, ByteBuffer[] body, CallEndings endings,
                 Duration clientStall) {
        this.exchange = exchange;
        this.pool = pool;
        this.request = new ByteBuffer[body.length + 1];
        request[0] = head;
        System.arraycopy(body, 0, request, 1, body.length);
        for (ByteBuffer part : request) {
            part.mark();
        }
        this.headRequest = exchange.getRequestMethod().equalToString("HEAD");
        this.continuation = exchange.isResponseStarted();
        this.endings = endings;
        this.clientStall = clientStall;
        this.buffer = new ResponseBuffer(exchange.getConnection().getByteBufferPool());
    }

    void start() {
        departure = ClientDeparture.watch(exchange, this::clientLeft);
        UpstreamConnection idle = pool.takeIdle(exchange.getIoThread());
        if (idle != null) {
            use(idle);
        } else {
            openFresh();
        }
    }

    private void openFresh() {
        pool.open(exchange.getIoThread(), this::use,
                e -> unreachable(NOT_CONNECTED + " (" + ResendRule.describe(e) + ")"));
    }

    private void use(UpstreamConnection opened) {
        if (over) {
            opened.close();
            return;
        }
        connection = opened;
        requestCut = false;
        resend.connected();
        for (ByteBuffer part : request) {
            part.reset();
        }
        opened.sink().getWriteSetter().set(channel -> writeRequest());
        opened.source().getReadSetter().set(channel -> readResponse());
        writeRequest();
        if (resend.firstTry()) {
            headTimer = pool.whenHeadOverdue(exchange.getIoThread(), () -> {
                if (head == null && !over) {
                    unreachable("did not answer within timeouts.responseHeader (" + pool.responseHeaderTimeout().toSeconds() + " s)");
                }
            });
        }
    }

    private void writeRequest() {
        if (over) {
            return;
        }
        try {
            resend.wrote(connection.sink().write(request));
            if (request[request.length - 1].hasRemaining() || !connection.sink().flush()) {
                connection.sink().resumeWrites();
                return;
            }
            connection.sink().suspendWrites();
        } catch (IOException e) {
            cutWhileSent(e);
            return;
        }
        connection.source().resumeReads();
    }

    /**
     * Writing the request failed. A server may answer before it reads the whole request (a refusal of
     * a body too large, a missing key) and close the connection on the rest, which breaks the write:
     * its answer, already here, is what the client gets, and the request is not sent again. With
     * nothing here, it failed before any answer, as the failed write says.
     */
    private void cutWhileSent(IOException e) {
        UpstreamConnection cut = connection;
        requestCut = true;
        cut.sink().suspendWrites();
        if (!answerWaiting()) {
            failedBeforeAnswer("broke the connection while the request was sent (" + ResendRule.describe(e) + ")", e);
            return;
        }
        readResponse(true);
        if (!over && connection == cut) {
            cut.source().resumeReads(); // the rest of the answer
        }
    }

    /** Whether some of an answer waits on the connection; what there is, is read into the buffer. */
    private boolean answerWaiting() {
        try {
            int read = buffer.readFrom(connection.source());
            if (read > 0) {
                received += read;
                return true;
            }
        } catch (IOException unreadable) {
            // nothing came before the failure
        }
        return false;
    }

    /**
     * The server {@code did} this to the connection before any answer ({@code failure}: null for a close):
     * once more on a new one if it cannot have read the request, else the 502; at once when its process
     * is being stopped or has exited.
     */
    private void failedBeforeAnswer(String did, IOException failure) {
        // a reset leaves no doubt: the request reached a socket closed with it unread, or already closed
        UpstreamConnection failed = connection;
        resend.failed(did, () -> failure == null ? failed.resetAfterClose() : PeerReset.said(failure),
                endings.stopped().isPresent()).ifPresentOrElse(this::unreachable, () -> {
                    closeUpstream();
                    openFresh();
                });
    }

    /**
     * A close before any answer to a request that went out: whether the server read it shows only as the
     * reset its kernel sends when the socket is closed with the request unread, and cpp-httplib shuts a
     * connection down (the close seen here) before it closes it (the reset), with other threads free to
     * run between the two on a busy machine. So the decision waits {@link #RESET_WAIT_MILLIS} for it.
     */
    private void awaitReset(String did) {
        UpstreamConnection closed = connection;
        closed.source().suspendReads();
        Runnable decide = () -> {
            if (!over && connection == closed) {
                failedBeforeAnswer(did, null);
            }
        };
        try {
            exchange.getIoThread().executeAfter(decide, RESET_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            decide.run();
        }
    }

    private void readResponse() {
        readResponse(false);
    }

    /** {@code buffered}: bytes already read into the buffer are used first. */
    private void readResponse(boolean buffered) {
        if (over || clientSlow()) {
            return;
        }
        try {
            if (buffered) {
                consume();
            }
            while (!over && !clientSlow() && connection != null) {
                int read = buffer.readFrom(connection.source());
                if (read == 0) {
                    return;
                }
                if (read < 0) {
                    connection.endedByUpstream();
                    upstreamEnded(null);
                    return;
                }
                received += read;
                consume();
                if (!over && connection != null && pool.quickAcks()) {
                    // more of this answer is due: acknowledge what came at once, so a sender that waits for
                    // that ACK (Nagle) sends the rest now, not when the delayed-ACK timer fires
                    connection.quickAck();
                }
            }
        } catch (ClientStream.Gone e) {
            clientLeft();
        } catch (UpstreamHead.Malformed e) {
            unreachable(e.getMessage());
        } catch (IOException e) {
            upstreamEnded(e);
        }
    }

    private boolean clientSlow() {
        return client != null && client.waiting();
    }

    /** Uses what is buffered: the head first, then as much body as the client takes. */
    private void consume() throws IOException {
        while (head == null) {
            UpstreamHead parsed = UpstreamHead.parse(buffer.bytes());
            if (parsed == null) {
                if (!buffer.growWhenFull()) {
                    unreachable("answered with a response head larger than Swapdeck's limit of "
                            + ResponseBuffer.MAX_HEAD_BYTES / 1024 + " KiB");
                }
                return;
            }
            if (!parsed.informational()) {
                framing = parsed.framing(headRequest); // before the head is taken: a bad length is a 502
                head = parsed;
                stopHeadTimer();
                begin();
            }
        }
        if (!over && refusal != null) {
            keepRefusal();
        } else if (!over && client != null) {
            forwardBody();
        }
    }

    private void begin() throws IOException {
        boolean success = head.status() >= 200 && head.status() < 300;
        if (!continuation) {
            head.copyTo(exchange, framing);
        }
        answer = new AnswerBody(head, framing);
        if (continuation && !success) {
            refusal = new UpstreamRefusal(head.status(), head.reason());
            return;
        }
        if (answer.complete()) {
            complete();
            return;
        }
        ActivityTap.answering(exchange);
        stall = new ClientStall(exchange.getIoThread(), clientStall, endings::stopped, this::clientLeft);
        stall.offer(this::clientWritable);
        client = new ClientStream(exchange, continuation, this::clientWritable, stall);
        streamHeadUnsent = framing != UpstreamHead.Framing.LENGTH;
    }

    /** Writes buffered body to the client; when the client is slow, stops reading upstream until it drains. */
    private void forwardBody() throws IOException {
        boolean wrote = false;
        for (ByteBuffer slice = answer.next(buffer.bytes()); slice != null; slice = answer.next(buffer.bytes())) {
            wrote = true;
            if (answer.complete()) {
                // the upstream's answer is all read: its slot is free before the client has its last byte
                endings.answered(exchange);
            }
            if (!client.write(slice)) {
                connection.source().suspendReads();
                return;
            }
        }
        if (answer.complete()) {
            complete();
        } else if (wrote || streamHeadUnsent) {
            // a sized answer's head waits for its body (one segment); a stream's head leaves at once
            streamHeadUnsent = false;
            if (!client.flush()) {
                connection.source().suspendReads();
            }
        } else {
            client.flushHeadSoon();
        }
    }

    /** Reads a refusal's body to its end (what is past the limit is dropped), then hands it on. */
    private void keepRefusal() throws IOException {
        for (ByteBuffer slice = answer.next(buffer.bytes()); slice != null; slice = answer.next(buffer.bytes())) {
            refusal.add(slice);
        }
        if (answer.complete()) {
            endRefused();
        }
    }

    /** Ends a started response with the upstream's refusal; its connection is not reused. */
    private void endRefused() {
        endings.answered(exchange);
        closeUpstream();
        departure.stop();
        over = true;
        endings.refused(exchange, refusal);
    }

    /** The client can take more: what waited goes, then the answer goes on (reads resume). */
    private void clientWritable() {
        try {
            if (!client.drained()) {
                return;
            }
            forwardBody();
            if (!over && !client.waiting() && connection != null) {
                connection.source().resumeReads();
            }
        } catch (IOException e) {
            clientLeft();
        }
    }

    /** The upstream closed or broke the connection. */
    private void upstreamEnded(IOException failure) {
        if (head == null) {
            String did = failure == null ? "closed the connection before a response"
                    : "broke the connection before a response (" + ResendRule.describe(failure) + ")";
            if (received == 0 && failure == null && resend.sentAny()) {
                awaitReset(did);
            } else if (received == 0) {
                failedBeforeAnswer(did, failure);
            } else {
                unreachable("did not answer: it " + did);
            }
        } else if (refusal != null) {
            endRefused(); // what the upstream said before it closed, cut or not
        } else if (framing == UpstreamHead.Framing.UNTIL_CLOSE && failure == null && endings.stopped().isEmpty()) {
            complete(); // its close is its end, unless the close came because Swapdeck stopped its server
        } else {
            // the body was cut short: the client must see a cut too, not a clean end
            closeUpstream();
            closeClient(endings.brokeOff(exchange));
        }
    }

    /**
     * The answer is complete: the lease is released before the client sees the end, the connection handed
     * back only after it (a close and a replacement's handshake took the IO thread 0.15–0.2 ms).
     */
    private void complete() {
        endings.answered(exchange);
        ActivityTap.answered(exchange);
        // not after an event stream (see above): a new loopback connection costs ~0.1 ms
        boolean keptAlive = framing != UpstreamHead.Framing.UNTIL_CLOSE && head.keepsAlive();
        boolean reusable = keptAlive && !requestCut && !StreamingHeaders.isEventStream(head.headers()) && !buffer.hasUnused();
        UpstreamConnection finished = connection;
        connection = null;
        buffer.free();
        finished.sink().getWriteSetter().set(null);
        departure.stop();
        over = true;
        endResponse();
        pool.finished(finished, reusable, keptAlive);
    }

    private void endResponse() {
        if (client == null) {
            exchange.endExchange();
            return;
        }
        try {
            client.end(answer.trailers(), continuation);
        } catch (ClientStream.Gone e) {
            endings.clientLeft(exchange); // first: closing the client's connection ends the exchange
            closeClient(CLIENT_LEFT);
        }
    }

    /** No answer: the 502 says {@code why} (the endings add why the process is gone, once known). */
    private void unreachable(String why) {
        stopHeadTimer();
        closeUpstream();
        departure.stop();
        over = true;
        endings.unreachable(exchange, resend.reason(why), resend.mayHaveBeenRead());
    }

    /** The client went away: the upstream request is cancelled by closing its connection, the lease released. */
    private void clientLeft() {
        clientLeft(CLIENT_LEFT);
    }

    /** As {@link #clientLeft()}, for {@code why}: a client that stopped reading ({@link ClientStall}) is taken as gone. */
    private void clientLeft(String why) {
        if (over && (client == null || !client.ending())) {
            return;
        }
        closeUpstream();
        endings.clientLeft(exchange); // first: closing the client's connection ends the exchange
        closeClient(why);
    }

    /** Ends the client's connection mid-answer, for {@code why}, which the request's activity record keeps. */
    private void closeClient(String why) {
        stopHeadTimer();
        if (stall != null) {
            stall.stop();
        }
        departure.stop();
        over = true;
        ActivityTap.interrupted(exchange, why);
        org.xnio.IoUtils.safeClose(exchange.getConnection());
    }

    private void stopHeadTimer() {
        UpstreamPool.stopTimer(headTimer);
        headTimer = null;
    }

    private void closeUpstream() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        buffer.free();
    }
}
