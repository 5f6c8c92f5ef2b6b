package dev.swapdeck.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The watcher reads costs and the first content from bytes as they pass, split anywhere. */
class ResponseWatcherTest {

    /** Feeds {@code body} in pieces of {@code piece} bytes, the n-th piece at time n. */
    private static ResponseWatcher.Observed watch(ResponseWatcher.Kind kind, String body, int piece) {
        ResponseWatcher watcher = new ResponseWatcher(kind);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int from = 0, n = 1; from < bytes.length; from += piece, n++) {
            watcher.written(buffer, from, Math.min(bytes.length, from + piece), n);
        }
        return watcher.finish();
    }

    @Test
    void openAiStreamWithUsageInItsLastChunkAndNullUsageBefore() {
        String body = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"\"}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}\n\n"
                + "data: [DONE]\n\n";
        for (int piece : new int[] {1, 7, 4096}) {
            ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, piece);
            assertEquals(OptionalInt.of(12), seen.counts().promptTokens(), "piece " + piece);
            assertEquals(OptionalInt.of(34), seen.counts().generatedTokens());
            int thirdLineEnd = body.indexOf('\n', body.indexOf("Hi"));
            assertEquals(thirdLineEnd / piece + 1, seen.firstContentNanos(),
                    "the first content is the event with text, not the role or the empty delta");
        }
    }

    /**
     * A stream cut before its last event (an unload, the client leaving) never gets llama-server's
     * {@code timings}: its content events are the count, one per token as llama-server sends them. The
     * role event, an empty delta and a loading message of a server behind are not tokens.
     */
    @Test
    void aStreamThatReportsNoCountHasItsContentEventsCounted() {
        String start = "data: {\"id\":\"swapdeck-loading\",\"choices\":[{\"delta\":{\"reasoning_content\":\"loading\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"\"}}]}\n\n";
        String tokens = "data: {\"choices\":[{\"delta\":{\"content\":\"Once\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\" upon\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\" a\"}}]}\n\n";
        for (int piece : new int[] {1, 7, 4096}) {
            TokenCounts cut = watch(ResponseWatcher.Kind.EVENT_STREAM, start + tokens, piece).counts();
            assertEquals(OptionalInt.of(3), cut.generatedTokens(), "piece " + piece);
            assertTrue(cut.generatedCounted());

            TokenCounts whole = watch(ResponseWatcher.Kind.EVENT_STREAM, start + tokens
                    + "data: {\"choices\":[{\"finish_reason\":\"length\",\"delta\":{}}],\"timings\":{\"predicted_n\":4}}\n\n"
                    + "data: [DONE]\n\n", piece).counts();
            assertEquals(OptionalInt.of(4), whole.generatedTokens(), "the server's count when it gives one");
            assertEquals(false, whole.generatedCounted());
        }
        assertEquals(OptionalInt.empty(), watch(ResponseWatcher.Kind.EVENT_STREAM, start, 7).counts().generatedTokens(),
                "no content, no count");
    }

    /** The stream's last event, in OpenAI's, Anthropic's and the Responses API's shapes; text that only mentions it is not. */
    @Test
    void theStreamsLastEventIsSeen() {
        String chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"[DONE]\"}}]}\n\n";
        for (int piece : new int[] {1, 4096}) {
            assertEquals(false, watch(ResponseWatcher.Kind.EVENT_STREAM, chunk, piece).streamEnded());
            assertTrue(watch(ResponseWatcher.Kind.EVENT_STREAM, chunk + "data: [DONE]\n\n", piece).streamEnded());
            assertTrue(watch(ResponseWatcher.Kind.EVENT_STREAM, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
                    piece).streamEnded());
            assertTrue(watch(ResponseWatcher.Kind.EVENT_STREAM, "event: response.completed\r\ndata: {}\r\n\r\n", piece)
                    .streamEnded());
        }
    }

    /**
     * An error reported inside a stream begun with 200, in each server's shape: llama-server's
     * {@code error:} line (followed by its {@code [DONE]}), OpenAI's {@code data} with an {@code error}
     * object, and the data of Anthropic's and the Responses API's {@code event: error}.
     */
    @Test
    void anErrorReportedInsideTheStreamIsKeptWithItsMessage() {
        String token = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";
        String[][] cases = {
            {token + "error: {\"code\":500,\"message\":\"the context is full\",\"type\":\"server_error\"}\n\ndata: [DONE]\n\n",
                "the context is full"},
            {token + "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n",
                "The server had an error"},
            {"event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
                "Overloaded"},
            {"event: error\r\ndata: {\"type\":\"error\",\"code\":\"rate_limit\",\"message\":\"Slow\\ndown\"}\r\n\r\n",
                "Slow down"},
        };
        for (String[] one : cases) {
            for (int piece : new int[] {1, 7, 4096}) {
                ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, one[0], piece);
                assertEquals(Optional.of(one[1]), seen.error(), one[0]);
            }
        }
        String clean = token + "event: message_delta\ndata: {\"type\":\"message_delta\",\"error\":null}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"error: none\"}}]}\n\ndata: [DONE]\n\n";
        assertEquals(Optional.empty(), watch(ResponseWatcher.Kind.EVENT_STREAM, clean, 3).error(),
                "an error key that is not the event's first, or the word in the text, is no error");
        String after = "event: error\ndata: {\"message\":\"first\"}\n\nevent: ping\ndata: {\"message\":\"not one\"}\n\n";
        assertEquals(Optional.of("first"), watch(ResponseWatcher.Kind.EVENT_STREAM, after, 5).error());
        String longMessage = "x".repeat(5000);
        String shortened = watch(ResponseWatcher.Kind.EVENT_STREAM,
                "error: {\"message\":\"" + longMessage + "\"}\n\n", 4096).error().orElseThrow();
        assertEquals(StreamError.MAX_MESSAGE + 1, shortened.length(), "one line of the table, with an ellipsis");
    }

    /** An answer that only calls a tool: its first token is the call's name, as llama-server streams it. */
    @Test
    void aToolCallIsTheFirstTokenOfAnAnswerWithoutText() {
        String body = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}\n\n"
                + "data: [DONE]\n\n";
        for (int piece : new int[] {1, 7, 4096}) {
            ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, piece);
            int secondLineEnd = body.indexOf('\n', body.indexOf("get_weather"));
            assertEquals(secondLineEnd / piece + 1, seen.firstContentNanos(), "piece " + piece);
        }
    }

    /** A Swapdeck or llama-swap peer that loads its model streams progress first: the first token comes after it. */
    @Test
    void theLoadingMessagesOfAServerBehindAreNotTheFirstToken() {
        String body = "data: {\"id\":\"swapdeck-loading\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"reasoning_content\":\"Swapdeck loading model: m\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"llama-swap loading model: m\"}}]}\n\n"
                + "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"reasoning_content\":\"Let me think\"}}]}\n\n"
                + "data: [DONE]\n\n";
        for (int piece : new int[] {1, 7, 4096}) {
            ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, piece);
            int thirdLineEnd = body.indexOf('\n', body.indexOf("Let me think"));
            assertEquals(thirdLineEnd / piece + 1, seen.firstContentNanos(), "piece " + piece);
        }
    }

    @Test
    void llamaCppTimingsGiveSpeedAndFillCountsUsageLeftOut() {
        String body = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\n\r\n"
                + "data: {\"choices\":[{\"finish_reason\":\"stop\",\"delta\":{}}],\"timings\":{\"prompt_n\":3,"
                + "\"prompt_ms\":5.1,\"predicted_n\":20,\"predicted_ms\":400,\"predicted_per_second\":50.0}}\r\n\r\n"
                + "data: [DONE]\r\n\r\n";
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, 5);
        assertEquals(OptionalInt.of(3), seen.counts().promptTokens());
        assertEquals(OptionalInt.of(20), seen.counts().generatedTokens());
        assertEquals(OptionalDouble.of(50.0), seen.counts().predictedPerSecond());
    }

    @Test
    void usageOutranksTimingsWhoseCountLeavesOutTheCachedPrompt() {
        String body = "data: {\"choices\":[],\"timings\":{\"prompt_n\":2,\"predicted_n\":9},"
                + "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":9}}\n\n";
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, 3);
        assertEquals(OptionalInt.of(40), seen.counts().promptTokens());
    }

    /**
     * llama-server's native {@code /completion} (keys in its order, alphabetical) after reusing 38 of a
     * 40-token prompt from its cache: {@code timings.prompt_n} counts the 2 it evaluated anew,
     * {@code tokens_evaluated} the whole prompt.
     */
    @Test
    void nativeCompletionCountsThePromptTokensServedFromTheCache() {
        String timings = "\"timings\":{\"predicted_ms\":80.2,\"predicted_n\":5,\"predicted_per_second\":62.3,"
                + "\"prompt_ms\":3.1,\"prompt_n\":2,\"prompt_per_second\":645.1}";
        String whole = "{\"content\":\"Hello\",\"generation_settings\":{\"n_predict\":5,\"timings_per_token\":false},"
                + "\"has_new_line\":false,\"id_slot\":0,\"index\":0,\"model\":\"m\",\"prompt\":\"say hi\",\"stop\":true,"
                + "\"stop_type\":\"limit\",\"stopping_word\":\"\"," + timings + ",\"tokens\":[],\"tokens_cached\":45,"
                + "\"tokens_evaluated\":40,\"tokens_predicted\":5,\"truncated\":false}";
        String streamed = "data: {\"content\":\"He\",\"id_slot\":0,\"index\":0,\"stop\":false,\"tokens\":[],"
                + "\"tokens_evaluated\":40,\"tokens_predicted\":1}\n\n"
                + "data: {\"content\":\"\",\"generation_settings\":{\"n_predict\":5},\"id_slot\":0,\"index\":0,"
                + "\"stop\":true,\"stop_type\":\"limit\"," + timings + ",\"tokens\":[],\"tokens_cached\":45,"
                + "\"tokens_evaluated\":40,\"tokens_predicted\":5,\"truncated\":false}\n\n";
        for (ResponseWatcher.Observed seen : new ResponseWatcher.Observed[] {
            watch(ResponseWatcher.Kind.JSON, whole, 7), watch(ResponseWatcher.Kind.EVENT_STREAM, streamed, 7)}) {
            assertEquals(OptionalInt.of(40), seen.counts().promptTokens());
            assertEquals(OptionalInt.of(5), seen.counts().generatedTokens());
            assertEquals(OptionalDouble.of(62.3), seen.counts().predictedPerSecond());
        }
        String withUsage = "{\"tokens_evaluated\":40,\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":5}}";
        assertEquals(OptionalInt.of(41), watch(ResponseWatcher.Kind.JSON, withUsage, 3).counts().promptTokens(),
                "usage outranks tokens_evaluated");
    }

    @Test
    void anthropicStreamSplitsUsageBetweenStartAndDelta() {
        String body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n";
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, 11);
        assertEquals(OptionalInt.of(25), seen.counts().promptTokens());
        assertEquals(OptionalInt.of(15), seen.counts().generatedTokens());
        assertTrue(seen.firstContentNanos() > 1);
    }

    @Test
    void aLineTooLongToKeepGivesItsFirstContentAndTheLinesAfterItAreRead() {
        String huge = "data: {\"choices\":[{\"delta\":{\"content\":\"" + "y".repeat(ResponseWatcher.MAX_LINE)
                + "\"}}],\"usage\":{\"prompt_tokens\":99}}\n\n";
        String body = huge + "data: {\"choices\":[{\"delta\":{\"content\":\"z\"}}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n" + huge;
        for (int piece : new int[] {1000, 16 * 1024, body.length()}) {
            ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, piece);
            assertEquals(OptionalInt.of(5), seen.counts().promptTokens(), "piece " + piece);
            assertEquals(OptionalInt.of(2), seen.counts().generatedTokens());
            assertEquals(1, seen.firstContentNanos(), "the too-long line carries the first content, from its start");
        }
    }

    /** llama-server with {@code n_probs}: each event carries hundreds of KB of probabilities after its delta. */
    @Test
    void theFirstContentOfEventsLongerThanALineIsTimedFromTheEventThatCarriesIt() {
        String probs = ",\"logprobs\":{\"content\":[" + "{\"id\":1,\"logprob\":-0.5},".repeat(12_000) + "{}]}";
        String body = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}" + probs + "}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}" + probs + "}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n";
        assertTrue(probs.length() > ResponseWatcher.MAX_LINE);
        for (int piece : new int[] {1000, 16 * 1024}) {
            ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.EVENT_STREAM, body, piece);
            int second = body.indexOf("data:", 1);
            assertEquals(second / piece + 1, seen.firstContentNanos(), "piece " + piece);
            assertEquals(OptionalInt.of(1), seen.counts().generatedTokens());
        }
    }

    @Test
    void aJsonBodyIsReadFromItsTailEvenWhenLargerThanTheTail() {
        String filler = "x".repeat(3 * ResponseWatcher.TAIL);
        String body = "{\"object\":\"list\",\"data\":[{\"embedding\":\"" + filler + "\"}],\"model\":\"m\","
                + "\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}";
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.JSON, body, 8192);
        assertEquals(OptionalInt.of(7), seen.counts().promptTokens());
        assertEquals(OptionalInt.empty(), seen.counts().generatedTokens());
        assertEquals(1, seen.firstContentNanos(), "a whole body's first token is its first byte");
    }

    @Test
    void aKeyInsideAStringIsNotMistakenForTheReport() {
        String body = "{\"choices\":[{\"message\":{\"content\":\"say \\\"usage\\\": {\\\"prompt_tokens\\\": 99}\"}}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":6},\"timings\":{\"predicted_per_second\":12.5}}";
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.JSON, body, 10);
        assertEquals(OptionalInt.of(4), seen.counts().promptTokens());
        assertEquals(OptionalInt.of(6), seen.counts().generatedTokens());
        assertEquals(OptionalDouble.of(12.5), seen.counts().predictedPerSecond());
    }

    @Test
    void compressedOrUnknownBodiesAreOnlyTimed() {
        assertEquals(ResponseWatcher.Kind.OPAQUE, ResponseWatcher.kindOf("application/json", "gzip"));
        assertEquals(ResponseWatcher.Kind.OPAQUE, ResponseWatcher.kindOf("audio/mpeg", null));
        assertEquals(ResponseWatcher.Kind.EVENT_STREAM, ResponseWatcher.kindOf("text/event-stream; charset=utf-8", null));
        assertEquals(ResponseWatcher.Kind.EVENT_STREAM, ResponseWatcher.kindOf("Text/Event-Stream", "identity"));
        assertEquals(ResponseWatcher.Kind.JSON, ResponseWatcher.kindOf("Application/JSON; charset=utf-8", null));
        assertEquals(ResponseWatcher.Kind.OPAQUE, ResponseWatcher.kindOf("text/event", null));
        ResponseWatcher.Observed seen = watch(ResponseWatcher.Kind.OPAQUE, "{\"usage\":{\"prompt_tokens\":1}}", 4);
        assertEquals(TokenCounts.NONE, seen.counts());
        assertEquals(1, seen.firstByteNanos());
    }

    /**
     * A server that compresses (aiohttp, Starlette's GZip middleware, Node's zlib) for a client that
     * accepts gzip, as the OpenAI SDKs do: every such answer was recorded without tokens, and a stream
     * as not one. The watcher reads an inflated copy, the gzip header split anywhere (here with a file
     * name in it), byte by byte too.
     */
    @Test
    void aCompressedAnswerIsReadInflated() throws Exception {
        String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12}}\n\n"
                + "data: [DONE]\n\n";
        String json = "{\"choices\":[{\"message\":{\"content\":\"Hi\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,\"total_tokens\":12}}";
        for (int piece : new int[] {1, 5, 4096}) {
            ResponseWatcher streamed = ResponseWatcher.of("text/event-stream", "gzip");
            feed(streamed, gzipped(stream, true), piece);
            ResponseWatcher.Observed seen = streamed.finish();
            assertEquals(ResponseWatcher.Kind.EVENT_STREAM, streamed.kind(), "piece " + piece);
            assertEquals(OptionalInt.of(7), seen.counts().promptTokens());
            assertEquals(OptionalInt.of(5), seen.counts().generatedTokens());
            assertTrue(seen.streamEnded(), "[DONE] read inflated");

            ResponseWatcher answered = ResponseWatcher.of("application/json", "deflate");
            feed(answered, deflated(json), piece);
            assertEquals(OptionalInt.of(9), answered.finish().counts().generatedTokens(), "deflate, piece " + piece);
        }
        ResponseWatcher brotli = ResponseWatcher.of("application/json", "br");
        assertEquals(ResponseWatcher.Kind.OPAQUE, brotli.kind(), "what cannot be inflated here stays unread");
        ResponseWatcher wrong = ResponseWatcher.of("application/json", "gzip");
        feed(wrong, json.getBytes(StandardCharsets.UTF_8), 3);
        assertEquals(OptionalInt.empty(), wrong.finish().counts().generatedTokens(), "not gzip after all: unread, no error");
    }

    private static void feed(ResponseWatcher watcher, byte[] bytes, int piece) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int from = 0, n = 1; from < bytes.length; from += piece, n++) {
            watcher.written(buffer, from, Math.min(bytes.length, from + piece), n);
        }
    }

    /** {@code text} gzipped, with a file name in its header when {@code named}. */
    private static byte[] gzipped(String text, boolean named) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] plain = out.toByteArray();
        if (!named) {
            return plain;
        }
        ByteArrayOutputStream withName = new ByteArrayOutputStream();
        withName.write(plain, 0, 3);
        withName.write(plain[3] | 8); // FNAME
        withName.write(plain, 4, 6);
        withName.write("answer.txt\0".getBytes(StandardCharsets.ISO_8859_1));
        withName.write(plain, 10, plain.length - 10);
        return withName.toByteArray();
    }

    private static byte[] deflated(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
