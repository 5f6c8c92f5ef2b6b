package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.servedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.testing.EventRecorder;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two clients, each keeping two requests in flight, one on model A and one on B: the queue lets the
 * running model serve its client instead of swapping per request, and maxQueueWait hands the other
 * client its turn.
 */
class QueueOrderOverHttpTest {
    /**
     * A turn lasts this long less a model's start, so it must be well above a demo JVM's start on a loaded
     * machine (1-2.6 s beside another build): at 2 s, starts that slow left a request or two per turn.
     */
    private static final int MAX_QUEUE_WAIT_S = 3;
    /** More than a turn's worth of requests per client, so that maxQueueWait, not the end of the work, ends turns. */
    private static final int PER_WORKER = 12;
    private static final int THINK_MS = 250;
    /** Time a swap itself may take on a loaded machine: the victims' last answers, a stop, a JVM start. */
    private static final long SWAP_ALLOWANCE_MS = 8_000;

    @Test
    void overlappingClientsCauseAFewSwapsAndNoneWaitsPastMaxQueueWait() throws Exception {
        var config = RulesYaml.config("model-a model-b", "maxQueueWait: " + MAX_QUEUE_WAIT_S + "\n");
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config);
             EventRecorder<StateChanged> states = EventRecorder.record(swapdeck.core.logs.bus(), StateChanged.class)) {
            List<Long> waits = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (String model : List.of("model-a", "model-b", "model-a", "model-b")) {
                workers.add(CompletableFuture.runAsync(() -> work(swapdeck, model, waits)));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

            int requests = 4 * PER_WORKER;
            int starts = states.matching(e -> e.to() == ProcessState.STARTING).size();
            assertEquals(requests, waits.size());
            assertTrue(starts <= 8, starts + " starts for " + requests + " requests: " + states.events());
            long slowest = waits.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(slowest <= MAX_QUEUE_WAIT_S * 1000L + THINK_MS + SWAP_ALLOWANCE_MS,
                    "slowest request took " + slowest + " ms");
        }
    }

    /** One client worker: its requests one after another, recording how long each took. */
    private static void work(LiveSwapdeck swapdeck, String model, List<Long> waits) {
        for (int i = 0; i < PER_WORKER; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = swapdeck.chat(model, "\"demo_think_ms\":" + THINK_MS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(model, servedBy(response));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            waits.add((System.nanoTime() - start) / 1_000_000);
        }
    }
}
