package dev.swapdeck;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A thread that dies of an exception is reported in the proxy log, which a desktop user can see. */
class UncaughtFailuresTest {

    @Test
    void aThreadsUncaughtFailureGoesToTheProxyLogWithTheThreadsName() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        LogHub logs = new LogHub(new EventBus());
        try {
            UncaughtFailures.reportTo(logs);
            Thread failing = new Thread(() -> {
                throw new IllegalStateException("the disk is full");
            }, "swapdeck-example");
            failing.start();
            failing.join();
            Await.until("the report", Duration.ofSeconds(5), () -> logs.proxyHistory().stream().anyMatch(l ->
                    l.level() == LogLevel.ERROR && l.text().contains("thread swapdeck-example")
                            && l.text().contains("the disk is full")));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
