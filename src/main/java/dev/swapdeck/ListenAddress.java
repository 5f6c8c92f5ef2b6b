package dev.swapdeck;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --listen} address: {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code :PORT} (every
 * interface, as llama-swap reads it) or a bare {@code PORT} (loopback).
 */
public record ListenAddress(String host, int port) {
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 8080);

    public static ListenAddress parse(String text) {
        String value = text.trim();
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            if (close < 0) {
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
            return new ListenAddress(host, number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT with a port from 0 to 65535, got '" + text + "'");
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
