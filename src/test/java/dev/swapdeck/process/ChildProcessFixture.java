package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.EventRecorder;
import dev.swapdeck.testing.ProcessAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared set-up for tests that drive a {@link ChildProcess} over real demo upstream JVMs: a bus, a
 * log hub, a recorder of state changes, and after each test a shutdown of every process made plus a
 * check that nothing they started survives.
 */
abstract class ChildProcessFixture {
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

    final EventBus bus = new EventBus();
    final LogHub logs = new LogHub(bus);
    final EventRecorder<StateChanged> states = EventRecorder.record(bus, StateChanged.class);
    private final List<ChildProcess> made = new ArrayList<>();

    ChildProcessFixture() {
        logs.setThreshold(LogLevel.DEBUG);
    }

    ChildProcess process(ModelConfig config) {
        return process(config, HEALTH_TIMEOUT, ChildProcess.STOP_GRACE);
    }

    ChildProcess process(ModelConfig config, Duration healthTimeout, Duration grace) {
        ChildProcess process = new ChildProcess(config, healthTimeout, grace, logs);
        made.add(process);
        return process;
    }

    @AfterEach
    void shutDownEverything() throws Exception {
        for (ChildProcess process : made) {
            process.shutdown().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        states.close();
        ProcessAssertions.assertNoDescendants(Duration.ofSeconds(10));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The exception a future failed with, asserting its type. */
    static <X extends Throwable> X failure(CompletableFuture<?> future, Class<X> type) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
    }

    /** The recorded moves of one model as {@code from>to} labels, in order. */
    List<String> moves() {
        return states.events().stream().map(e -> e.from().label() + ">" + e.to().label())
                .collect(Collectors.toList());
    }

    static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).collect(Collectors.toList());
    }
}
