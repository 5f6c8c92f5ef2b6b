package dev.swapdeck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw HTTP/1.1 upstream on loopback that writes whatever bytes a test scripts, for wire shapes the JDK
 * server never sends (an answer ended by closing the connection, a huge head, hop-by-hop headers). Each
 * connection gets its own thread: it reads one request, plays the script, then closes the connection.
 */
public final class RawUpstream implements AutoCloseable {

    /** What the upstream does once it has read a request: write to {@code out}, perhaps wait. */
    public interface Script {
        void play(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new ArrayList<>();

    public RawUpstream(Script script) throws IOException {
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    Thread serving = new Thread(() -> serve(socket, script), "raw-upstream-connection");
                    serving.setDaemon(true);
                    serving.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private static void serve(Socket socket, Script script) {
        try (socket) {
            String head = readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            script.play(head, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the proxy closed the connection, or the test is over
        }
    }

    /** Reads one request: its head, returned, then as many body bytes as it declares. */
    public static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
