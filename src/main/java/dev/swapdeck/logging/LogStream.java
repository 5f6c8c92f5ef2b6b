package dev.swapdeck.logging;

/** The two log streams SPEC §6 keeps apart: Swapdeck's own messages and what upstreams print. */
public enum LogStream {
    PROXY, UPSTREAM
}
