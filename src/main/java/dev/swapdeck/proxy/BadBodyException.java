package dev.swapdeck.proxy;

/** A request body the proxy cannot route: answered with 400 and this message. */
final class BadBodyException extends RuntimeException {
    BadBodyException(String message) {
        super(message);
    }
}
