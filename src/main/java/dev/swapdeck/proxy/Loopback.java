package dev.swapdeck.proxy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Loopback names as written in {@code Host} headers and origins: {@code localhost}, any
 * {@code 127.0.0.0/8} address and {@code [::1]}. Pure text checks, never a DNS lookup: a rebinding
 * attack controls what a name resolves to.
 */
final class Loopback {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Loopback() {
    }

    /** Whether {@code host} (no port; IPv6 in brackets) names this machine's loopback interface. */
    static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
    }

    /** The host part of {@code host[:port]} or {@code [v6]:port}, lower-cased. */
    static String hostOf(String hostAndPort) {
        String value = hostAndPort.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(0, close + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
