package dev.swapdeck.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The message of an error an upstream reported inside an event stream it had begun with 200: the
 * answer ends there, though the stream may still close with {@code [DONE]}. The shapes: llama-server's
 * {@code error: {"code":500,"message":...}} line, OpenAI's {@code data: {"error":{"message":...}}},
 * and the {@code data} after Anthropic's and the Responses API's {@code event: error}
 * ({@code {"type":"error","error":{"message":...}}}, {@code {"type":"error","message":...}}). Read only
 * for such lines, which are rare, so parsing them whole costs nothing a stream notices.
 */
final class StreamError {
    /** At most this much of a message is kept: the activity table shows one line. */
    static final int MAX_MESSAGE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private StreamError() {
    }

    /** Whether the JSON from {@code start} to {@code end} is an object whose first key is {@code error}. */
    static boolean isErrorObject(byte[] bytes, int start, int end) {
        int at = start;
        while (at < end && bytes[at] == ' ') {
            at++;
        }
        if (at >= end || bytes[at] != '{') {
            return false;
        }
        at++;
        while (at < end && (bytes[at] == ' ' || bytes[at] == '\n' || bytes[at] == '\t')) {
            at++;
        }
        return AnswerBytes.keyAt(bytes, end, at, ERROR_KEY);
    }

    /** The message of the error whose JSON runs from {@code start} to {@code end}, on one line and bounded. */
    static String messageOf(byte[] bytes, int start, int end) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, start, end - start);
        } catch (IOException e) {
            return oneLine(new String(bytes, start, end - start, StandardCharsets.UTF_8));
        }
        JsonNode error = node.path("error");
        for (JsonNode candidate : new JsonNode[] {error.path("message"), node.path("message"), error}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return oneLine(candidate.asText());
            }
        }
        return "no message";
    }

    private static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\p{Cntrl}+", " ");
        return flat.length() <= MAX_MESSAGE ? flat
                : flat.substring(0, Character.isHighSurrogate(flat.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE) + "…";
    }
}
