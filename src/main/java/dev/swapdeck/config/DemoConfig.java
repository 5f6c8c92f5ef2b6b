package dev.swapdeck.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration used when the user has none: models served by the bundled demo upstream
 * ({@code dev.swapdeck.demo.DemoUpstream}), started with this JVM's own {@code java} and classpath,
 * so a newcomer can load, unload and chat with no model server installed.
 */
public final class DemoConfig {
    static final String RESOURCE = "demo.yaml";
    static final String FILE_NAME = "<demo>";
    /** How far past the default start port the demo looks for ports of its own. */
    private static final int PORTS_SEARCHED = 200;
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private DemoConfig() {
    }

    /**
     * The demo configuration, {@link SwapdeckConfig#source()} empty. Its models take the first run of
     * ports from 5800 on which nothing listens: the demo's ports are its own business, and llama-swap or
     * a model server already on 5800 (the default start port of both) would otherwise make every demo
     * model fail with a port conflict that names a configuration the person never wrote.
     *
     * @throws IllegalStateException if the bundled template does not load (a packaging bug)
     */
    public static SwapdeckConfig load() {
        return load(0);
    }

    /**
     * As {@link #load()}, keeping off {@code listenPort} as well: the port Swapdeck is about to listen
     * on ({@code --listen 127.0.0.1:5800}) listens on nothing yet.
     */
    public static SwapdeckConfig load(int listenPort) {
        SwapdeckConfig demo = parse(template());
        int start = firstFreeRun(SwapdeckConfig.DEFAULT_START_PORT, demo.models().size(), listenPort);
        return start == demo.startPort() ? demo : parse("startPort: " + start + "\n" + template());
    }

    private static SwapdeckConfig parse(String yaml) {
        Map<String, String> macros = Map.of(
                "java", CommandLine.quote(javaExecutable()),
                "classpath", CommandLine.quote(System.getProperty("java.class.path")));
        try {
            return ConfigLoader.parse(yaml, FILE_NAME, Optional.empty(), macros, Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in demo configuration is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * The first port from {@code from} that begins {@code count} ports on which nothing listens on
     * loopback (a connection is refused within microseconds) and that are not {@code reserved}, or
     * {@code from} if there is none nearby.
     */
    static int firstFreeRun(int from, int count, int reserved) {
        int run = 0;
        for (int port = from; port < from + PORTS_SEARCHED; port++) {
            run = port == reserved || listening(port) ? 0 : run + 1;
            if (run == count) {
                return port - count + 1;
            }
        }
        return from;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code java.home/bin/java} when present, else the command this process runs if it is a
     * {@code java} launcher, else {@code java} from the PATH. A jpackage image strips {@code bin/java}
     * unless packaged with it, and its app launcher cannot run another main class.
     */
    static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : new String[] {"java", "java.exe"}) {
            if (Files.isExecutable(bin.resolve(name))) {
                return bin.resolve(name).toString();
            }
        }
        return ProcessHandle.current().info().command()
                .filter(command -> Path.of(command).getFileName().toString().matches("java(\\.exe)?"))
                .orElse("java");
    }

    static String template() {
        return BundledText.read(RESOURCE);
    }
}
