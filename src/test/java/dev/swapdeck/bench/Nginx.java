package dev.swapdeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's nginx as the reference proxy: two workers (one per core, as Swapdeck has two IO threads),
 * upstream keep-alive, no buffering (so SSE would stream), in the foreground under the scratch
 * directory. Absent when nginx is not installed ({@code apt-get install -y nginx}).
 */
final class Nginx implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nginx");

    final int port;
    private final Process process;

    private Nginx(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static Nginx start(BenchEnv env, int port, int upstreamPort) {
        Path prefix = env.scratch.resolve("nginx");
        String conf = """
                worker_processes 2;
                user root;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  upstream fast { server 127.0.0.1:%2$d; keepalive 64; }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://fast;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                    }
                  }
                }
                """.formatted(prefix, upstreamPort, port);
        try {
            Files.createDirectories(prefix);
            Path file = Files.writeString(prefix.resolve("nginx.conf"), conf);
            Process process = new ProcessBuilder(List.of(BINARY.toString(), "-p", prefix.toString(), "-c",
                    file.toString(), "-g", "daemon off;")).redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("console.log").toFile()).start();
            awaitListening(port);
            return new Nginx(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(int port) {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                SwapdeckUnderTest.sleep(25);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    @Override
    public void close() {
        BenchEnv.stop(process);
    }
}
