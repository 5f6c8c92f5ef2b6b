package dev.swapdeck.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * A small OpenAI-style server: what the built-in demo configuration runs when the user has no
 * llama.cpp, and the fake upstream every test and benchmark launches as a child JVM. It behaves like
 * {@code llama-server} where Swapdeck cares: the port listens at once while {@code /health} answers 503
 * until the "model" has loaded, output goes to stdout line by line, SIGTERM exits cleanly.
 *
 * <p>Prints {@code listening on http://HOST:PORT} once the port is bound (tests using port 0 read the
 * port from it), one {@code request METHOD PATH ...} line per request served (health probes excepted:
 * they would flood the log), and {@code shutting down} on SIGTERM. See {@link DemoOptions} for flags.
 */
public final class DemoUpstream {
    /** Exit code of {@code --exit-after}: a crash, as far as Swapdeck can tell. */
    static final int CRASH_EXIT_CODE = 3;

    private DemoUpstream() {
    }

    public static void main(String[] args) throws IOException {
        // Without it every keep-alive request waits ~40 ms for Nagle; must be set before the first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.exitAtStart().isPresent()) {
            int code = options.exitAtStart().getAsInt();
            System.out.println("exiting at start with code " + code + " as asked");
            System.exit(code);
        }
        for (int i = 1; i <= options.startupLines(); i++) {
            System.out.println("startup: loading layer " + i + " of " + options.startupLines());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("demo-worker"));
        server.setExecutor(workers);
        DemoRoutes routes = new DemoRoutes(options);
        server.createContext("/", routes);
        handleSigterm(options.ignoreSigterm(), server);
        server.start();
        routes.listening();
        System.out.println("listening on http://" + options.host() + ":" + server.getAddress().getPort());
        if (options.logRate() > 0) {
            LogFlood.start(options.logRate());
        }
    }

    private static void handleSigterm(boolean ignore, HttpServer server) {
        Signal.handle(new Signal("TERM"), signal -> {
            if (ignore) {
                System.out.println("ignoring SIGTERM as asked");
                return;
            }
            System.out.println("shutting down");
            server.stop(0);
            System.exit(0);
        });
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
