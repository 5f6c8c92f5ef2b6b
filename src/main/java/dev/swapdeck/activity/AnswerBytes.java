package dev.swapdeck.activity;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an answer's JSON says, read from its bytes in place without parsing it: the token counts it
 * reports, and whether an event carries generated text. {@link ResponseWatcher} asks, on the IO
 * thread, of every event of a stream and the tail of every answer, so nothing here allocates but
 * the numbers it returns.
 */
final class AnswerBytes {
    private static final byte[] USAGE = bytes("\"usage\"");
    private static final byte[] TIMINGS = bytes("\"timings\"");
    private static final byte[] TOKENS_EVALUATED = bytes("\"tokens_evaluated\"");
    /**
     * Keys whose non-empty string is generated output: text, reasoning, and a tool call's name and
     * arguments (OpenAI's {@code tool_calls}, Anthropic's {@code tool_use} and {@code partial_json}),
     * so an answer that only calls a tool has a first token too.
     */
    private static final byte[][] CONTENT_KEYS = {bytes("\"content\""), bytes("\"text\""),
        bytes("\"reasoning_content\""), bytes("\"delta\""), bytes("\"name\""), bytes("\"arguments\""),
        bytes("\"partial_json\"")};

    private AnswerBytes() {
    }

    /**
     * Whether the event from {@code start} to {@code end} has a non-empty string under one of the keys
     * that carry generated text. One pass over its quotes, not one per key.
     */
    static boolean carriesContent(byte[] line, int start, int end) {
        for (int at = start; at < end; at++) {
            if (line[at] != '"') {
                continue;
            }
            for (byte[] key : CONTENT_KEYS) {
                if (keyAt(line, end, at, key)) {
                    int value = valueStart(line, end, at + key.length);
                    if (value >= 0 && value + 1 < end && line[value] == '"' && line[value + 1] != '"') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * {@code counts} with the reports from {@code start} to {@code end}: the numbers of
     * {@link TokenCounts#FIELDS} in the objects after the last {@code "usage"} and the last
     * {@code "timings"} key, and the number after the last {@code "tokens_evaluated"} key (llama.cpp's
     * native answer; each ignored when absent, null or unreadable). The keys are found in one
     * backward pass, since servers put them at the end; it stops once {@code timings} and a prompt
     * count that outranks it are found.
     */
    static TokenCounts reportsIn(byte[] bytes, int start, int end, TokenCounts counts) {
        int usage = -1;
        int timings = -1;
        int evaluated = -1;
        for (int at = end - 1; at >= start && (timings < 0 || usage < 0 && evaluated < 0); at--) {
            if (bytes[at] != '"') {
                continue;
            }
            if (usage < 0 && keyAt(bytes, end, at, USAGE)) {
                usage = at;
            } else if (timings < 0 && keyAt(bytes, end, at, TIMINGS)) {
                timings = at;
            } else if (evaluated < 0 && keyAt(bytes, end, at, TOKENS_EVALUATED)) {
                evaluated = at;
            }
        }
        Map<String, Double> usageNumbers = objectAfter(bytes, end, usage, USAGE);
        Map<String, Double> timingNumbers = objectAfter(bytes, end, timings, TIMINGS);
        Double evaluatedTokens = evaluated < 0 ? null
                : FlatNumbers.readNumber(bytes, valueStart(bytes, end, evaluated + TOKENS_EVALUATED.length), end);
        return usageNumbers == null && timingNumbers == null && evaluatedTokens == null ? counts
                : counts.merge(usageNumbers, evaluatedTokens, timingNumbers);
    }

    /** The wanted numbers of the object after {@code key} at {@code at}, or null when there is none. */
    private static Map<String, Double> objectAfter(byte[] bytes, int end, int at, byte[] key) {
        int value = at < 0 ? -1 : valueStart(bytes, end, at + key.length);
        if (value < 0 || bytes[value] != '{') {
            return null;
        }
        return FlatNumbers.read(bytes, value, end, TokenCounts.FIELDS);
    }

    /** Whether {@code key} is at {@code at}, before {@code end}. */
    static boolean keyAt(byte[] bytes, int end, int at, byte[] key) {
        if (at + key.length > end) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (bytes[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first byte of the value after a key ending at {@code from}, or -1. */
    private static int valueStart(byte[] bytes, int end, int from) {
        int i = skipSpaces(bytes, end, from);
        if (i >= end || bytes[i] != ':') {
            return -1;
        }
        i = skipSpaces(bytes, end, i + 1);
        return i < end ? i : -1;
    }

    private static int skipSpaces(byte[] bytes, int end, int from) {
        int i = from;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    static boolean startsWith(byte[] bytes, int start, int end, byte[] prefix) {
        return end - start >= prefix.length && keyAt(bytes, end, start, prefix);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
