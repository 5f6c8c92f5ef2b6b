package dev.swapdeck.activity;

import dev.swapdeck.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One proxied request once its response has ended (SPEC §12). Published on the event bus as
 * {@code activity} and kept in the {@link ActivityLog}.
 *
 * @param seq               increases by one per record, so a reader can tell what it missed
 * @param at                when the request arrived
 * @param model             the model id it was routed to; for a request refused before it reached a
 *                          model ({@code routed} false), the name it asked for as {@code /api/activity}
 *                          shows it (escaped, shortened), or empty when it named none
 * @param status            the HTTP status the client got; 499 (nginx's "client closed request") when it
 *                          left before any answer began
 * @param duration          from arrival to the last byte
 * @param timeToFirstToken  from arrival to the first event carrying content (a whole body: its first
 *                          byte); empty when nothing came
 * @param counts            tokens and speed as the response reported them
 * @param waited            what the request waited for before it could be forwarded, and how long
 * @param interruption      why the answer ended before it was whole (the client left, the upstream
 *                          broke off or was stopped); empty for an answer sent whole
 * @param routed            whether the request reached a model: false for one Swapdeck refused before
 *                          (no model named, an unknown name, a body it could not read), whose
 *                          {@code model} is only what the client asked for
 */
public record ActivityRecord(
        long seq,
        Instant at,
        String model,
        String method,
        String path,
        int status,
        boolean stream,
        Duration duration,
        Optional<Duration> timeToFirstToken,
        TokenCounts counts,
        Wait waited,
        Optional<String> interruption,
        boolean routed) implements Event {

    /** A request that reached {@code model}. */
    public ActivityRecord(long seq, Instant at, String model, String method, String path, int status, boolean stream,
                          Duration duration, Optional<Duration> timeToFirstToken, TokenCounts counts, Wait waited,
                          Optional<String> interruption) {
        this(seq, at, model, method, path, status, stream, duration, timeToFirstToken, counts, waited, interruption, true);
    }

    /** What a request waited for before its model could take it. */
    public enum WaitReason {
        /** Forwarded at once. */
        NONE,
        /** Its model was not running and had to start. */
        START,
        /** Other models had to stop before its model could start. */
        SWAP,
        /** Its model was running, but the request waited its turn (behind a swap or other requests). */
        QUEUE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Wait(WaitReason reason, Duration duration) {
        public static final Wait NONE = new Wait(WaitReason.NONE, Duration.ZERO);
    }

    public OptionalInt promptTokens() {
        return counts.promptTokens();
    }

    public OptionalInt generatedTokens() {
        return counts.generatedTokens();
    }

    /** Whether {@link #generatedTokens} was counted from the stream's events, the server having reported none. */
    public boolean generatedTokensCounted() {
        return counts.generatedCounted();
    }

    /**
     * Generation speed: llama.cpp's own {@code predicted_per_second} when reported, else, for a
     * stream, generated tokens over the time from the first token to the end (empty when unknown:
     * a whole body arrives at once, so its transfer time says nothing about generation).
     */
    public OptionalDouble tokensPerSecond() {
        if (counts.predictedPerSecond().isPresent()) {
            return counts.predictedPerSecond();
        }
        if (!stream || counts.generatedTokens().isEmpty() || timeToFirstToken.isEmpty()) {
            return OptionalDouble.empty();
        }
        long generatingNanos = duration.minus(timeToFirstToken.get()).toNanos();
        int tokens = counts.generatedTokens().getAsInt();
        return generatingNanos > 0 && tokens > 0
                ? OptionalDouble.of(tokens / (generatingNanos / 1e9)) : OptionalDouble.empty();
    }

    /** An error status, or an answer that ended before it was whole. */
    public boolean failed() {
        return status >= 400 || interruption.isPresent();
    }

    @Override
    public String type() {
        return "activity";
    }
}
