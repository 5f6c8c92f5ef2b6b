package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.process.Leftovers;
import dev.swapdeck.process.LeftoversStopped;
import dev.swapdeck.process.RecordedChild;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.EventRecorder;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9: at start, a model server that an earlier Swapdeck recorded and left running (it was killed
 * along with its watchdog, say) is stopped and reported, so it cannot hold the port or answer in place
 * of the server Swapdeck starts. A recorded pid that now belongs to another process is left alone.
 */
@EnabledOnOs(OS.LINUX)
class LeftoversAtStartTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aRecordedLeftoverIsStoppedAtStartReportedAndItsPortServesTheNewServer(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        StateFolder state = new StateFolder(dir.resolve("state"));
        try (Leftover leftover = Leftover.start("a", port, DemoUpstreamCommand.argv("--port", Integer.toString(port),
                "--model", "leftover"), 0);
             Leftover stranger = Leftover.start("b", 0, List.of("sleep", "60"), 1)) {
            awaitListening(port);
            String record = Leftover.record(state, List.of(leftover.recorded, stranger.recorded));

            try (SwapdeckJvm app = SwapdeckJvm.in(dir).config("models:\n" + DemoYaml.model("a", port, List.of()))
                    .env(StateFolder.ENV_VARIABLE, state.dir().toString()).start()) {
                Await.until("the leftover to be stopped", PATIENCE, () -> !ProcTable.alive(leftover.process.pid()));
                assertTrue(ProcTable.alive(stranger.process.pid()), "a reused pid (other start time) is not touched");
                Await.until(app::output, PATIENCE, () -> app.output().contains("left running by a Swapdeck"));
                assertTrue(app.output().contains("pid " + leftover.process.pid() + " on port " + port), app.output());
                assertTrue(state.read(record).isEmpty(), "the dead Swapdeck's record is gone once handled");

                HttpResponse<String> chat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"a\",\"messages\":[]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, chat.statusCode(), chat.body());
                assertEquals("a", new ObjectMapper().readTree(chat.body()).path("served_by").asText());
            }
        }
    }

    @Test
    void theReportIsOneEventTheWindowCanShow(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        try (Leftover leftover = Leftover.start("qwen", 5999, List.of("sleep", "61"), 0);
             EventRecorder<LeftoversStopped> events = EventRecorder.record(logs.bus(), LeftoversStopped.class)) {
            Leftover.record(state, List.of(leftover.recorded));

            Optional<LeftoversStopped> reclaimed = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            assertTrue(reclaimed.isPresent());
            assertEquals(List.of(reclaimed.get()), events.events());
            assertEquals("Stopped 1 model server left running by a Swapdeck that did not shut down cleanly: qwen (pid "
                    + leftover.process.pid() + ", port 5999)", reclaimed.get().summary());
            Await.until("the leftover gone", PATIENCE, () -> !ProcTable.alive(leftover.process.pid()));
            assertFalse(Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)).isPresent(), "reported once");
        }
    }

    /**
     * Root's Swapdeck may run a model as another user ({@code runuser -u llm -- server}): after a crash
     * that server is still its to stop. Only the state folder's owner can write the records that say so
     * ({@code FolderTrust}); a filter on the process's user, tried once, left such a server running and
     * logged "Stopped 0 model servers".
     */
    @Test
    void aLeftoverThatRunsAsAnotherUserIsStoppedByRoot(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can start a process as another user");
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        try (Leftover dropped = Leftover.startAs(65534, "dropped", List.of("sleep", "63"))) {
            Leftover.record(state, List.of(dropped.recorded));

            Optional<LeftoversStopped> reclaimed = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            assertTrue(reclaimed.isPresent());
            assertEquals(List.of("dropped"), reclaimed.get().stopped().stream().map(RecordedChild::model).toList());
            Await.until("the leftover gone", PATIENCE, () -> !ProcTable.alive(dropped.process.pid()));
        }
    }

    /** A Swapdeck stopped while it waits for a leftover to exit must leave the record for the next one. */
    @Test
    void theRecordStaysUntilItsLeftoversAreGone(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        try (Leftover stubborn = Leftover.start("stubborn", 0, List.of("sh", "-c", "trap '' TERM; sleep 62"), 0)) {
            stubborn.awaitChild("sleep");
            String record = Leftover.record(state, List.of(stubborn.recorded));
            Thread reclaiming = new Thread(() -> Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)));
            reclaiming.start();

            Await.until("the leftover being stopped", PATIENCE, () -> logs.proxyHistory().stream()
                    .anyMatch(line -> line.text().startsWith("stopping model server stubborn")));
            assertTrue(state.read(record).isPresent(), "kept while the leftover still runs");
            reclaiming.join(PATIENCE.toMillis());

            assertFalse(ProcTable.alive(stubborn.process.pid()), "killed once the grace ran out");
            assertTrue(state.read(record).isEmpty(), "forgotten once it is gone");
        }
    }

    @Test
    void theSurvivorsOfARecordedGroupWhoseLeaderDiedAreStoppedToo(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        String run = Leftover.deadRun();
        try (Leftover wrapper = Leftover.deadWrapper("wrapped", "sleep 63", run)) {
            long group = wrapper.process.pid();
            List<Long> survivors = ProcTable.groupMembers(group);
            Leftover.record(state, run, List.of(wrapper.recorded));

            Optional<LeftoversStopped> reclaimed = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            Await.until("the survivors gone", PATIENCE, () -> ProcTable.living(survivors).isEmpty());
            String report = logs.proxyHistory().stream().map(LogLine::text)
                    .filter(text -> text.startsWith("stopping model server wrapped")).findFirst().orElseThrow();
            assertTrue(report.contains(survivors.get(0) + " (sleep 63)") && report.contains("pid " + group)
                    && report.endsWith("which has exited"), "names what it stops, not only the dead wrapper: " + report);
            assertEquals("Stopped 1 model server left running by a Swapdeck that did not shut down cleanly: wrapped (pid "
                    + survivors.get(0) + ")", reclaimed.orElseThrow().summary(), "the notice names the survivor");
        }
    }

    /** A server recorded on its own and the dead wrapper whose group it is in name one process, once. */
    @Test
    void aServerInTheGroupOfItsDeadWrapperIsReportedOnce(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        String run = Leftover.deadRun();
        try (Leftover wrapper = Leftover.deadWrapper("wrapped", "sleep 65", run)) {
            long group = wrapper.process.pid();
            long server = ProcTable.groupMembers(group).get(0);
            RecordedChild serverRecord = new RecordedChild("wrapped", server, Leftover.startTicks(server), group, 5998,
                    "sleep 65");
            Leftover.record(state, run, List.of(wrapper.recorded, serverRecord));

            Optional<LeftoversStopped> reclaimed = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            Await.until("the server gone", PATIENCE, () -> !ProcTable.alive(server));
            assertEquals("Stopped 1 model server left running by a Swapdeck that did not shut down cleanly: wrapped (pid "
                    + server + ", port 5998)", reclaimed.orElseThrow().summary());
            assertEquals(1, logs.proxyHistory().stream().map(LogLine::text)
                    .filter(text -> text.startsWith("stopping model server wrapped")).count(), "one report per process");
        }
    }

    /**
     * After a crash the recorded pid may be reused by a daemon that forked, called setsid and forked
     * again: its group has the recorded id and outlives its leader, but nothing in it is Swapdeck's.
     */
    @Test
    void anUnmarkedGroupThatReusedADeadLeadersIdIsLeftAlone(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        try (Leftover daemon = Leftover.start("qwen", 0, List.of("sh", "-c", "sleep 64 & sleep 2; exit 0"), 0)) {
            long group = daemon.process.pid();
            daemon.process.waitFor();
            Await.until("the daemon on its own", PATIENCE, () -> !ProcTable.groupMembers(group).isEmpty());
            List<Long> unrelated = ProcTable.groupMembers(group);
            Leftover.record(state, List.of(daemon.recorded));

            assertTrue(Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)).isEmpty());

            assertEquals(unrelated, ProcTable.living(unrelated), "nothing unrelated is stopped");
            unrelated.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** A file that only looks like a record (another tool's, a user's backup) is ignored with a warning. */
    @Test
    void aFileNamedLikeNoRecordIsIgnoredWithAWarning(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        state.write("children-old", "[]");
        state.write("children-1.json", "[]");

        assertTrue(Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)).isEmpty());

        assertEquals(2, logs.proxyHistory().stream().map(LogLine::text)
                .filter(text -> text.startsWith("ignoring ") && text.contains("not a record Swapdeck wrote")).count());
    }

    /** The warnings about a record say what is wrong with it, not only where it is. */
    @Test
    void aRecordThatCannotBeReadOrDeletedIsReportedWithTheReason(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        String notText = Leftover.record(state, List.of());
        Files.write(dir.resolve(notText), new byte[] {'[', (byte) 0xff, ']'});
        String folder = "children-" + Leftover.deadRun() + ".json";
        Files.createDirectories(dir.resolve(folder).resolve("inside"));

        assertTrue(Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)).isEmpty());

        List<String> warnings = logs.proxyHistory().stream().map(LogLine::text).toList();
        assertTrue(warnings.contains("unreadable record " + dir.resolve(notText) + " (it is not UTF-8 text): only what "
                + "still carries that run's mark is stopped"), warnings.toString());
        assertTrue(warnings.contains("could not delete " + dir.resolve(folder) + ": a folder that is not empty"),
                warnings.toString());
    }

    /**
     * A record that parses but is not what Swapdeck writes (null, a null entry, an entry without its
     * command whose pid lives with the recorded start time) is unreadable like a truncated one: said
     * with its name, removed, nothing signalled on its word, and the other records still handled.
     */
    @Test
    void aRecordOfAnotherShapeIsReportedRemovedAndTheOthersAreStillHandled(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        try (Leftover commandless = Leftover.start("a", 0, List.of("sleep", "66"), 0);
             Leftover leftover = Leftover.start("b", 0, List.of("sleep", "67"), 0)) {
            String nullRecord = Leftover.record(state, List.of());
            state.write(nullRecord, "null");
            String nullEntry = Leftover.record(state, List.of());
            state.write(nullEntry, "[null]");
            String noCommand = Leftover.record(state, List.of());
            RecordedChild child = commandless.recorded;
            state.write(noCommand, "[{\"model\":\"a\",\"pid\":" + child.pid() + ",\"startTicks\":" + child.startTicks()
                    + ",\"pgid\":" + child.pgid() + ",\"port\":0}]");
            String good = Leftover.record(state, List.of(leftover.recorded));

            Optional<LeftoversStopped> stopped = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            List<String> warnings = logs.proxyHistory().stream().map(LogLine::text).toList();
            String after = "): only what still carries that run's mark is stopped";
            assertTrue(warnings.contains("unreadable record " + dir.resolve(nullRecord)
                    + " (it holds null, not a list of model processes" + after), warnings.toString());
            assertTrue(warnings.contains("unreadable record " + dir.resolve(nullEntry)
                    + " (entry 1 is null, not a model process" + after), warnings.toString());
            assertTrue(warnings.contains("unreadable record " + dir.resolve(noCommand) + " (entry 1 has no command"
                    + after), warnings.toString());
            assertEquals(List.of("b"), stopped.orElseThrow().stopped().stream().map(RecordedChild::model).toList());
            Await.until("the good record's leftover gone", PATIENCE, () -> !ProcTable.alive(leftover.process.pid()));
            assertTrue(ProcTable.alive(commandless.process.pid()), "nothing is stopped on a damaged record's word");
            for (String record : List.of(nullRecord, nullEntry, noCommand, good)) {
                assertTrue(state.read(record).isEmpty(), record + " is not warned about again at every start");
            }
        }
    }

    /** A record cut short (a full disk, a power loss) still names its run: what carries that run's mark is stopped. */
    @Test
    void aMarkedProcessOfARunWhoseRecordIsUnreadableIsStoppedAndTheRecordRemoved(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        String record = Leftover.record(state, List.of());
        state.write(record, "[{\"model\":\"cut");
        String run = record.substring("children-".length(), record.length() - ".json".length());
        Process planted = plantMarked(run + ":2:wrapped");
        try {
            assertTrue(Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2)).isPresent());
            Await.until("the marked server gone", PATIENCE, () -> !planted.isAlive());
            assertTrue(state.read(record).isEmpty(), "not warned about again at every start");
            assertTrue(logs.proxyHistory().stream().map(LogLine::text).toList().contains("unreadable record "
                    + dir.resolve(record) + " (it is not valid JSON: Unexpected end-of-input: was expecting closing"
                    + " quote for a string value at line 1, column 15): only what still carries that run's mark is"
                    + " stopped"), "one line: " + logs.proxyHistory());
        } finally {
            planted.destroyForcibly();
        }
    }

    /** A server a dead run's wrapper started with setsid is found by the mark it inherited, and stopped. */
    @Test
    void aProcessMarkedByADeadRunIsStoppedEvenOutsideEveryRecordedGroup(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir);
        LogHub logs = new LogHub(new EventBus());
        String record = Leftover.record(state, List.of());
        String run = record.substring("children-".length(), record.length() - ".json".length());
        // as the dead run's seventh spawn set it, and what its server started inherited it
        Process planted = plantMarked(run + ":7:wrapped");
        try {
            Optional<LeftoversStopped> stopped = Leftovers.reclaim(state, logs, logs.bus(), Duration.ofSeconds(2));

            assertTrue(stopped.isPresent());
            assertEquals("wrapped", stopped.get().stopped().get(0).model());
            Await.until("the marked server gone", PATIENCE, () -> !planted.isAlive());
        } finally {
            planted.destroyForcibly();
        }
    }

    /**
     * A marked sleep, returned once its exec has finished: {@code /proc/<pid>/exe} names the new program
     * before the kernel has written its environment, and until then a reclaim finds no mark to stop.
     */
    private static Process plantMarked(String mark) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sleep", "30412").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SWAPDECK_CHILD", mark);
        Process planted = builder.start();
        Path environ = Path.of("/proc", Long.toString(planted.pid()), "environ");
        Await.until("the planted server running, marked", PATIENCE, () -> planted.toHandle().info().command()
                .map(command -> command.endsWith("/sleep")).orElse(false)
                && carries(environ, "SWAPDECK_CHILD=" + mark + "\0"));
        return planted;
    }

    private static boolean carries(Path environ, String entry) {
        try {
            return new String(Files.readAllBytes(environ), StandardCharsets.UTF_8).contains(entry);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void awaitListening(int port) {
        Await.until("the leftover to listen on " + port, PATIENCE, () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
