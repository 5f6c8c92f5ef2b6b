package dev.swapdeck.process;

/** Refuses work because Swapdeck is shutting down. */
public class ShuttingDownException extends RuntimeException {
    public ShuttingDownException(String message) {
        super(message);
    }
}
