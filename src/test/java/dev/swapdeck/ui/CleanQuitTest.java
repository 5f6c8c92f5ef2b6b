package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapdeck as a person runs it, in a JVM of its own with the real toolkit (Monocle headless here,
 * the desktop's under {@code -Dtestfx.headless=false}): the window opens, a model runs,
 * and a shutdown from outside closes the window and exits 0 without a stack trace on stderr. Exits
 * used to race the toolkit's last pulse and print NullPointerException traces. The same run checks,
 * from the JVM's class-loading log, that the window drew its log panes without loading RichTextFX,
 * which only the Config tab needs (its classes took 0.3 to 0.4 s of every launch).
 */
class CleanQuitTest {
    private static final Pattern CLIENT_URL = Pattern.compile("clients use (http://\\S+)/v1");
    /** Loaded when a log pane lays out its first rows, so once the window is up and drawn. */
    private static final String LOG_ROW = "dev.swapdeck.ui.logs.LogRowCell";

    @TempDir Path home;

    @Test
    void theWindowOpensWithoutRichTextFxAndAShutdownExitsWithoutATrace() throws Exception {
        List<String> command = new ArrayList<>(List.of(DemoUpstreamCommand.java(), "-cp",
                System.getProperty("java.class.path"), "-Dprism.order=sw"));
        if (Boolean.parseBoolean(System.getProperty("testfx.headless", "true"))) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless"));
        }
        // the demo's models listen on fixed ports; a config on free ones keeps parallel runs apart
        Path config = ConfigFiles.twoModels(home);
        Path classLog = home.resolve("classes.log");
        command.add("-Xlog:class+load=info:file=" + classLog);
        // a known port, as users give: the window is built while the server starts and shown once it listens
        String listen = "127.0.0.1:" + FreePorts.loopback();
        command.addAll(List.of("dev.swapdeck.Main", "--listen", listen, "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_CONFIG_HOME", home.toString());
        builder.environment().remove("SWAPDECK_CONFIG");
        builder.environment().put("SWAPDECK_STATE_DIR", home.resolve("state").toString());
        Process swapdeck = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(swapdeck.getErrorStream()));
        CompletableFuture<String> base = new CompletableFuture<>();
        Thread stdout = new Thread(() -> watchFor(swapdeck.getInputStream(), base), "quit-test-stdout");
        stdout.start();
        try {
            String url = base.get(60, TimeUnit.SECONDS);
            Await.until("the log panes drew their rows", Duration.ofSeconds(60),
                    () -> !loadedClasses(classLog, LOG_ROW).isEmpty());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> loaded = post(client, url + "/api/models/load/alpha");
            assertEquals(200, loaded.statusCode(), loaded.body());
            assertEquals(200, post(client, url + "/api/shutdown").statusCode());

            assertTrue(swapdeck.waitFor(60, TimeUnit.SECONDS), "Swapdeck exited");
            String errors = stderr.get(10, TimeUnit.SECONDS);
            assertEquals(0, swapdeck.exitValue(), errors);
            assertFalse(errors.contains("Exception"), "stderr:\n" + errors);
            assertEquals(List.of(), loadedClasses(classLog, "org.fxmisc."), "RichTextFX loaded with the Config tab never shown");
        } finally {
            swapdeck.descendants().forEach(ProcessHandle::destroyForcibly);
            swapdeck.destroyForcibly();
        }
    }

    /** The classes whose names start with {@code prefix} in a {@code -Xlog:class+load} file. */
    private static List<String> loadedClasses(Path classLog, String prefix) {
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.map(line -> line.substring(line.indexOf(']', line.indexOf("class,load")) + 1).trim())
                    .map(entry -> entry.split(" ", 2)[0]).filter(name -> name.startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Completes {@code base} with the URL Swapdeck logs once it listens; keeps draining until the end. */
    private static void watchFor(InputStream out, CompletableFuture<String> base) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher match = CLIENT_URL.matcher(line);
                if (match.find()) {
                    base.complete(match.group(1));
                }
            }
            base.completeExceptionally(new AssertionError("Swapdeck ended without logging its URL"));
        } catch (IOException e) {
            base.completeExceptionally(e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot read stderr: " + e;
        }
    }
}
