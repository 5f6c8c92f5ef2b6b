package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.config.CommandLine;
import dev.swapdeck.loading.LoadTimes;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.ProcessAssertions;
import dev.swapdeck.testing.SwapdeckJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: exit codes, messages, and a real headless run. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** An empty home: no configuration of the machine's user is found, and what a run keeps stays here. */
    @TempDir Path home;

    private int run(String... args) {
        return runWith(Map.of("HOME", home.toString()), args);
    }

    private int runWith(Map<String, String> env, String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return main.run(args);
    }

    /**
     * A path that cannot name a file (here a NUL; under LANG=C any non-ASCII name) is a usage error
     * that says why, from the command line and from SWAPDECK_CONFIG alike: the variable's was an
     * uncaught exception, exit code 1.
     */
    @Test
    void aConfigPathThatCannotNameAFileIsAUsageError() {
        assertEquals(2, run("--headless", "--config", "conf\u0000.yaml"));
        assertTrue(stderr().startsWith("swapdeck: Invalid value for option '--config': 'conf\u0000.yaml' cannot name a file: "
                + "Nul character not allowed"), stderr());
        err.reset();
        assertEquals(2, runWith(Map.of("HOME", home.toString(), "SWAPDECK_CONFIG", "conf\u0000.yaml"), "--headless"));
        assertTrue(stderr().startsWith("swapdeck: SWAPDECK_CONFIG: 'conf\u0000.yaml' cannot name a file: "
                + "Nul character not allowed"), stderr());
    }

    /** Without --config the default file is looked for under HOME: the same message names it. */
    @Test
    void aHomeThatCannotNameAFileIsAUsageErrorWithoutAConfigToo() {
        assertEquals(2, runWith(Map.of("HOME", "/tmp/jo\u0000se"), "--headless"));
        assertTrue(stderr().startsWith("swapdeck: HOME: '/tmp/jo\u0000se' cannot name a file: Nul character not allowed"),
                stderr());
    }

    /** The state folder's variables as well: named in the message, exit 2, before anything starts. */
    @Test
    void aStateFolderThatCannotNameAFileIsAUsageError() throws Exception {
        Path config = Files.writeString(home.resolve("config.yaml"), "models:\n  m:\n    cmd: echo ${PORT}\n");
        for (String variable : List.of("SWAPDECK_STATE_DIR", "XDG_STATE_HOME", "HOME")) {
            err.reset();
            Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
            env.put(variable, "/tmp/st\u0000ate");
            assertEquals(2, runWith(env, "--headless", "--config", config.toString()), variable);
            assertTrue(stderr().startsWith("swapdeck: cannot use the state folder: " + variable + ": '/tmp/st\u0000ate' "
                    + "cannot name a file: Nul character not allowed"), stderr());
        }
    }

    /**
     * A state folder others can write is refused before anything starts: the records in it decide
     * which processes a starting Swapdeck stops, and another user could plant one naming any of yours.
     */
    @Test
    void aStateFolderOthersCanWriteIsRefusedBeforeAnythingIsStopped() throws Exception {
        Path config = Files.writeString(home.resolve("config.yaml"), "models:\n  m:\n    cmd: echo ${PORT}\n");
        Path shared = Files.createDirectory(home.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        Process victim = new ProcessBuilder("sleep", "60").start();
        // a busy port ends a run that got past the folder at once, rather than serving on
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long startTicks = Long.parseLong(Files.readString(Path.of("/proc/" + victim.pid() + "/stat"))
                    .replaceFirst("^.*\\) ", "").split(" ")[19]);
            Files.writeString(shared.resolve("children-1-1.json"), "[{\"model\":\"x\",\"pid\":" + victim.pid()
                    + ",\"startTicks\":" + startTicks + ",\"pgid\":" + victim.pid() + ",\"port\":0,\"command\":\"sleep 60\"}]");
            assertEquals(2, runWith(Map.of("HOME", home.toString(), "SWAPDECK_STATE_DIR", shared.toString()),
                    "--headless", "--config", config.toString(), "--listen", "127.0.0.1:" + busy.getLocalPort()));
            assertTrue(stderr().startsWith("swapdeck: cannot use the state folder " + shared + ": " + shared.toRealPath()
                    + " is writable by other users (mode 0777)"), stderr());
            assertTrue(victim.isAlive(), "the process a planted record names is left alone");
        } finally {
            victim.destroyForcibly();
        }
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownOptionExitsWithUsageError() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(stderr().contains("--frobnicate"), stderr());
        assertTrue(stderr().contains("--listen"), "the usage is shown: " + stderr());
    }

    /** llama-swap's TLS flags are refused with the reason and what to do, not as unknown options. */
    @Test
    void llamaSwapsTlsOptionsAreRefusedSayingWhy() {
        assertEquals(2, run("--headless", "-tls-cert-file", "cert.pem", "-tls-key-file", "key.pem"));
        assertTrue(stderr().startsWith("swapdeck: Swapdeck serves plain HTTP and takes no -tls-cert-file or"
                + " -tls-key-file (llama-swap's TLS options): put a TLS proxy"), stderr());
        assertFalse(stderr().contains("Unknown option"), stderr());
    }

    @Test
    void badListenAddressExitsWithUsageError() {
        assertEquals(2, run("--listen", "localhost:http"));
        assertTrue(stderr().contains("localhost:http"), stderr());
    }

    @Test
    void aListenHostWithAStrayColonIsABadValueNotAnAddressBeyondLoopback() {
        assertEquals(2, run("--listen", "localhost:18807:1"));
        assertTrue(stderr().startsWith("swapdeck: bad --listen value 'localhost:18807:1': 'localhost:18807' is not an "
                + "IPv6 address"), stderr());
        assertFalse(stderr().contains("refusing"), stderr());
    }

    @Test
    void anUnknownListenHostIsABadValueEvenWithInsecureNoKeys(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
        assertEquals(2, run("--headless", "--insecure-no-keys", "--config", file.toString(),
                "--listen", "nosuchhost.invalid:18801"));
        assertTrue(stderr().startsWith("swapdeck: bad --listen value 'nosuchhost.invalid:18801': unknown host "
                + "nosuchhost.invalid\n"), stderr());
    }

    @Test
    void missingConfigFileExitsWithUsageErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, run("-config", missing.toString()));
        assertTrue(stderr().contains("configuration file not found: " + missing), stderr());
        err.reset();
        assertEquals(2, runWith(Map.of("HOME", home.toString(), "SWAPDECK_CONFIG", missing.toString()), "--headless"));
        assertTrue(stderr().startsWith("swapdeck: configuration file not found: " + missing + " (named by SWAPDECK_CONFIG)"),
                "no argument named it: " + stderr());
    }

    @Test
    void invalidConfigExitsWithEveryProblemLocated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "models:\n  a:\n    cmd: x\n    ttl: ten\n");
        assertEquals(2, run("--config", file.toString()));
        assertTrue(stderr().contains("bad.yaml:4:10: models.a.ttl"), stderr());
    }

    @Test
    void aMissingConfigFolderBesideAFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"),
                "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
        Path missing = dir.resolve("conf.d");
        assertEquals(2, run("--headless", "--config", file.toString(), "--config-dir", missing.toString()));
        assertTrue(stderr().contains("cannot read configuration folder " + missing + ": not found"), stderr());
    }

    /** The help is the same in every locale (an alphabetical sort would put --insecure-no-keys last in Turkish). */
    @Test
    void helpListsTheOptionsInOneOrderInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            List<String> orders = new ArrayList<>();
            for (String tag : new String[] {"en-US", "tr-TR"}) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                out.reset();
                assertEquals(0, run("--help"));
                orders.add(out.toString(StandardCharsets.UTF_8));
            }
            assertEquals(orders.get(0), orders.get(1));
            String help = orders.get(0).substring(orders.get(0).indexOf("endpoint."));
            assertTrue(help.indexOf("--config=FILE") < help.indexOf("--listen=") && help.indexOf("--listen=")
                    < help.indexOf("--headless") && help.indexOf("--headless") < help.indexOf("--insecure-no-keys"), help);
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "-version"})
    void versionIsPrinted(String option) {
        assertEquals(0, run(option));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("swapdeck "));
    }

    @Test
    void busyListenAddressExitsWithCode3NamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + busy.getLocalPort();
            assertEquals(3, run("--headless", "--config", file.toString(), "--listen", address));
            assertTrue(stderr().contains(address), stderr());
            // the holder named (here this test's JVM): llama-swap, say, still running on the port Swapdeck replaces it on
            assertTrue(stderr().contains("another program has this port, pid " + ProcessHandle.current().pid() + " ("),
                    stderr());
        }
        // the engine's shutdown ended before run returned: what it saves is there, and nothing writes later
        assertTrue(Files.exists(StateFolder.from(Map.of("HOME", home.toString())).dir().resolve(LoadTimes.FILE)));
    }

    /** With no locale (a systemd service, a container), the headless log is UTF-8, not ASCII with a ? for each arrow. */
    @Test
    void withoutALocaleTheHeadlessLogIsWrittenInUtf8(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).env("LC_ALL", "C").env("LANG", "C")
                .config("models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n").start()) {
            app.post("/api/models/load/a");
            Await.until(app::output, Duration.ofSeconds(20), () -> app.output().contains("a: starting"));
            assertTrue(app.output().contains("a: stopped \u2192 starting"), app.output());
        }
    }

    @Test
    void headlessRunStopsEveryChildOnSigtermAndExitsZero(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = startWithOneModel(dir)) {
            postOk(app, "/api/models/load/a");
            long child = childPid(app);
            app.process.toHandle().destroy();
            assertTrue(app.process.waitFor(15, TimeUnit.SECONDS), "shutdown is bounded");
            assertEquals(0, app.process.exitValue(), app.output());
            ProcessAssertions.assertGone(child, Duration.ofSeconds(5));
        }
    }

    /**
     * A request its server still holds when Swapdeck shuts down is answered with a 502 that says why,
     * however long the server takes to stop: the HTTP server closed its connection before, unanswered.
     */
    @Test
    void aRequestInFlightAtShutdownIsAnsweredNotDropped(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = startWithOneModel(dir, "--ignore-sigterm")) {
            postOk(app, "/api/models/load/a");
            CompletableFuture<HttpResponse<String>> chat = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers
                    .ofString("{\"model\":\"a\",\"max_tokens\":60,\"demo_delay_ms\":1000,\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Await.until("the request in flight", Duration.ofSeconds(20), () -> inFlight(app) == 1);
            postOk(app, "/api/shutdown");

            HttpResponse<String> answer = chat.get(30, TimeUnit.SECONDS);
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("because a was stopped (shutting down)"), answer.body());
            assertEquals(0, app.process.waitFor());
        }
    }

    @Test
    void shutdownThroughTheApiExitsZero(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = startWithOneModel(dir)) {
            postOk(app, "/api/models/load/a");
            long child = childPid(app);
            postOk(app, "/api/shutdown");
            assertTrue(app.process.waitFor(15, TimeUnit.SECONDS), "shutdown is bounded");
            assertEquals(0, app.process.exitValue(), app.output());
            ProcessAssertions.assertGone(child, Duration.ofSeconds(5));
        }
    }

    /** A second launch (from the desktop menu, which takes no --listen) is told of the Swapdeck already running. */
    @Test
    void aSecondSwapdeckOnTheSameAddressIsToldToUseTheFirst(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm first = startWithOneModel(dir)) {
            assertEquals(3, run("--headless", "--listen", "127.0.0.1:" + first.port));
            assertTrue(stderr().startsWith("swapdeck: Swapdeck is already running at http://127.0.0.1:" + first.port
                    + "/v1 (pid " + first.process.pid() + "): use that one"), stderr());
        }
    }

    @Test
    void aSwapdeckIsKnownByItsJarItsMainClassOrItsLauncher() {
        assertTrue(RunningSwapdeck.isSwapdeck("java -XX:SharedArchiveFile=target/swapdeck.jsa -jar target/swapdeck.jar"));
        assertTrue(RunningSwapdeck.isSwapdeck("/usr/bin/java -cp a.jar:b.jar dev.swapdeck.Main --headless"));
        assertTrue(RunningSwapdeck.isSwapdeck("/opt/swapdeck/bin/swapdeck --headless"));
        assertFalse(RunningSwapdeck.isSwapdeck("/home/me/swapdeck-models/llama-server --port 8080"));
        assertFalse(RunningSwapdeck.isSwapdeck("python3 -m http.server 8080"));
        assertFalse(RunningSwapdeck.isSwapdeck("/usr/bin/java -cp t.jar org.junit.ConsoleLauncher -m dev.swapdeck.MainTest"),
                "a test of Main's, not Swapdeck");
    }

    /** Swapdeck launched as a user would, in a JVM of its own, with one demo model on a {@code ${PORT}}. */
    private static SwapdeckJvm startWithOneModel(Path dir, String... demoFlags) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--port", "${PORT}", "--model", "a"));
        flags.addAll(List.of(demoFlags));
        String cmd = DemoUpstreamCommand.argv(flags.toArray(String[]::new)).stream()
                .map(arg -> arg.equals("${PORT}") ? arg : CommandLine.quote(arg))
                .collect(Collectors.joining(" "));
        return SwapdeckJvm.in(dir)
                .config("startPort: " + FreePorts.loopback() + "\nmodels:\n  a:\n    cmd: |\n      " + cmd + "\n")
                .start();
    }

    private static void postOk(SwapdeckJvm app, String path) throws Exception {
        HttpResponse<String> response = app.post(path);
        assertEquals(200, response.statusCode(), response.body());
    }

    /** The requests in flight to the one model, as {@code /api/models} tells them. */
    private static int inFlight(SwapdeckJvm app) {
        try {
            return new ObjectMapper().readTree(app.get("/api/models").body()).path("models").get(0).path("inFlight").asInt();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The model's server, as Swapdeck reports it (its children also include the watchdog). */
    private static long childPid(SwapdeckJvm app) throws Exception {
        return new ObjectMapper().readTree(app.get("/running").body()).path("running").get(0).path("pid").asLong();
    }
}
