package dev.swapdeck.proxy;

import java.util.Locale;

/**
 * Loopback names as written in {@code Host} headers and origins: {@code localhost}, any
 * {@code 127.0.0.0/8} address and {@code [::1]}. Pure text checks, never a DNS lookup: a rebinding
 * attack controls what a name resolves to.
 */
final class Loopback {
    private Loopback() {
    }

    /** Whether {@code host} (no port; IPv6 in brackets) names this machine's loopback interface. */
    static boolean isLoopbackHost(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]") || isIpv4Loopback(host);
    }

    /** {@code 127.a.b.c} in dotted decimal, each part 0–255 without a leading zero. */
    private static boolean isIpv4Loopback(String host) {
        return host.startsWith("127.") && isIpv4(host);
    }

    /**
     * Whether {@code host} (no port) is an IP address rather than a name: {@code a.b.c.d} in dotted
     * decimal, or an IPv6 address in brackets. A page is only ever served under a name it can rebind.
     */
    static boolean isAddress(String host) {
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            return host.chars().skip(1).limit(host.length() - 2L).allMatch(c -> c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0);
        }
        return isIpv4(host);
    }

    /** {@code a.b.c.d}, each part 0–255 without a leading zero. No regex: asked on every request. */
    private static boolean isIpv4(String host) {
        int at = 0;
        for (int part = 0; part < 4; part++) {
            int end = at;
            while (end < host.length() && end - at <= 3 && host.charAt(end) >= '0' && host.charAt(end) <= '9') {
                end++;
            }
            int digits = end - at;
            if (digits == 0 || digits > 3 || digits > 1 && host.charAt(at) == '0'
                    || Integer.parseInt(host, at, end, 10) > 255) {
                return false;
            }
            if (part < 3 ? end >= host.length() || host.charAt(end) != '.' : end != host.length()) {
                return false;
            }
            at = end + 1;
        }
        return true;
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
