package dev.swapdeck;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --listen} address: {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code :PORT} (every
 * interface, as llama-swap reads it) or a bare {@code PORT} (loopback). An unbracketed IPv6 address
 * before the last colon ({@code ::1:8080}) is read as the address it is, an IPv4-mapped one
 * ({@code [::ffff:127.0.0.1]:8080}) as its IPv4 address; any other host with a colon
 * ({@code localhost:8080:1}) and a host name that does not resolve are bad values (exit 2), not
 * addresses beyond loopback.
 */
public record ListenAddress(String host, int port) {
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 8080);

    public static ListenAddress parse(String text) {
        String value = text.trim();
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            if (close <= 1) { // no address in the brackets would be read as loopback, and named so in no URL
                throw new IllegalArgumentException("expected [IPv6]:PORT, got '" + text + "'");
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
        } else if (value.contains(":")) {
            int colon = value.lastIndexOf(':');
            host = colon == 0 ? "0.0.0.0" : value.substring(0, colon);
            port = value.substring(colon + 1);
        } else {
            host = "127.0.0.1";
            port = value;
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 0 || number > 65535) {
                throw new NumberFormatException();
            }
            return new ListenAddress(resolvable(text, host), number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT with a port from 0 to 65535, got '" + text + "'");
        }
    }

    /**
     * {@code host}, once it is known to name an address; a host with a colon must be an IPv6 literal.
     * An IPv4-mapped one ({@code ::ffff:127.0.0.1}) is the IPv4 address it maps, which is what gets
     * bound, and the only form a URL can carry (HTTP servers and browsers refuse it in a Host).
     */
    private static String resolvable(String text, String host) {
        try {
            // in brackets a host is only ever read as an IPv6 literal, never looked up
            InetAddress address = InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host);
            return host.contains(":") && address instanceof Inet4Address ? address.getHostAddress() : host;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad --listen value '" + text + "': " + (host.contains(":")
                    ? "'" + host + "' is not an IPv6 address (write HOST:PORT, or [IPv6]:PORT)"
                    : "unknown host " + host));
        }
    }

    public InetSocketAddress socketAddress() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Whether only this machine can connect (anything else can start processes on it). */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The base URL clients on this machine should use, given the port actually bound. */
    public String clientBaseUrl(int boundPort) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::");
        String shown = wildcard ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + boundPort + "/v1";
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
