package dev.swapdeck.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Loopback names as written in {@code Host} headers and origins: {@code localhost}, any
 * {@code 127.0.0.0/8} address and {@code [::1]}, in each spelling a client may send as typed
 * (Python's {@code http.client} writes its URL's host as given; browsers and curl write the
 * canonical form). Pure text checks, never a DNS lookup: a rebinding attack controls what a name
 * resolves to, and nothing admitted here is a name anyone can point elsewhere.
 */
final class Loopback {
    private Loopback() {
    }

    /**
     * Whether {@code host} (no port; IPv6 in brackets) names this machine's loopback interface:
     * {@code localhost} (also {@code localhost.}, the same name fully qualified), an IPv4 address in
     * {@code 127.0.0.0/8} as the C library reads one ({@code 127.1}, {@code 2130706433}), or the IPv6
     * loopback however written ({@code [0:0:0:0:0:0:0:1]}).
     */
    static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase("localhost.") || host.equals("[::1]")) {
            return true;
        }
        if (isBracketedIpv6(host)) {
            return isIpv6Loopback(host);
        }
        long address = ipv4(host);
        return address >= 0 && address >>> 24 == 127;
    }

    /**
     * Whether {@code host} (no port) is an IP address rather than a name: an IPv4 address as the C
     * library reads one, or an IPv6 address in brackets. A page is only ever served under a name it
     * can rebind.
     */
    static boolean isAddress(String host) {
        return isBracketedIpv6(host) || ipv4(host) >= 0;
    }

    private static boolean isBracketedIpv6(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]") && host.chars().skip(1)
                .limit(host.length() - 2L).allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }

    private static boolean isIpv6Loopback(String bracketed) {
        try {
            // in brackets, InetAddress reads an IPv6 literal or refuses: it never looks a name up
            return InetAddress.getByName(bracketed).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The address {@code host} spells as {@code inet_aton} reads it, or -1: one to four parts, each
     * decimal, octal after a leading {@code 0} or hexadecimal after {@code 0x}, the last filling the
     * bytes left ({@code 127.1} is 127.0.0.1). No regex: asked on every request.
     */
    private static long ipv4(String host) {
        long address = 0;
        int parts = 0;
        int at = 0;
        while (true) {
            int end = host.indexOf('.', at);
            boolean last = end < 0;
            long part = number(host, at, last ? host.length() : end);
            parts++;
            if (part < 0 || parts > 4 || !last && part > 255) {
                return -1;
            }
            if (last) {
                int bitsLeft = 8 * (5 - parts);
                return part >>> bitsLeft == 0 ? address << bitsLeft | part : -1;
            }
            address = address << 8 | part;
            at = end + 1;
        }
    }

    /** The unsigned number in {@code text[from, to)} (at most 32 bits), or -1. */
    private static long number(String text, int from, int to) {
        int radix = 10;
        if (to - from > 1 && text.charAt(from) == '0') {
            boolean hex = text.charAt(from + 1) == 'x' || text.charAt(from + 1) == 'X';
            radix = hex ? 16 : 8;
            from += hex ? 2 : 1;
        }
        if (from >= to && radix != 8) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, radix) : -1;
            value = value * radix + digit;
            if (digit < 0 || value > 0xFFFF_FFFFL) {
                return -1;
            }
        }
        return value;
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
