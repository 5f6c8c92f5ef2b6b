package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapdeck.config.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/** What the pool does when its IO thread is going away under it (Swapdeck stopping mid-exchange). */
class UpstreamPoolTest {

    @Test
    void openingOnAStoppedIoThreadFailsThroughTheCallbackInsteadOfThrowing() throws Exception {
        XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        XnioIoThread thread = worker.getIoThread(0);
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        UpstreamPool pool = new UpstreamPool(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)), 1,
                UpstreamPool.Reuse.QUICKACK, Timeouts.MODEL_DEFAULTS);

        AtomicReference<IOException> failure = new AtomicReference<>();
        pool.open(thread, connection -> fail("a stopped thread opened a connection"), failure::set);

        assertNotNull(failure.get(), "the caller is told at once");
        assertEquals("Swapdeck is stopping", failure.get().getMessage());
    }
}
