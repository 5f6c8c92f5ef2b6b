package dev.swapdeck.bench;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.CompilerPriority;
import dev.swapdeck.proxy.ProxyServer;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.ui.FxStart;
import dev.swapdeck.ui.SwapdeckWindow;
import dev.swapdeck.ui.UiOptions;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 6, in its own JVM because it hosts the window: Swapdeck wired as {@code Main} wires it
 * (the compiler threads' priority lowered and the toolkit's start begun first, then engine, HTTP
 * server, {@link SwapdeckWindow#launch} on its own thread), under JavaFX Monocle with no display.
 * Measures the time from JVM launch to a shown window whose model table is filled, the longest gap
 * between FX pulses (an AnimationTimer's wall-clock timestamps) while idle and while one upstream
 * prints 20,000 lines a second for 10 seconds while the Activity view is open and a chat to that
 * model goes through the proxy every 50 ms (each adds a table row and chart points; one GPU answers
 * a few a second), over the whole flood and after its first two seconds (by then the JIT has
 * compiled the flood's code paths: on 2 cores the compiler threads take most of a core before that),
 * and the live heap before and after that flood. Prints its rows for {@link Bench} as {@code ROW}
 * lines. Arguments: a scratch folder, then {@link #PLAIN_LAUNCH} (the launch row only, for a JVM
 * started without the class-data archive) or {@link #ARCHIVE_LAUNCH} (every row, for a JVM that maps
 * {@code target/swapdeck.jsa}).
 */
public final class WindowBench {
    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC",
            "-Dtestfx.headless=true", "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Djava.awt.headless=true");
    /** Second argument: the launch alone, as plain {@code java -jar} runs it. */
    static final String PLAIN_LAUNCH = "plain";
    /** Second argument: launch and flood, with the build's class-data archive mapped. */
    static final String ARCHIVE_LAUNCH = "archive";
    private static final String CHATTY = "chatty";
    private static final int FLOOD_LINES_PER_SECOND = 20_000;
    private static final int FLOOD_SECONDS = 10;
    private static final int IDLE_MODELS = 9;
    private static final Duration CHAT_INTERVAL = Duration.ofMillis(50);
    private static final long WARM_MILLIS = 2_000;

    private WindowBench() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        CompilerPriority.lower();
        FxStart.begin();
        BenchEnv env = new BenchEnv();
        ConfigYaml yaml = new ConfigYaml();
        int chattyPort = FreePorts.loopback();
        yaml.model(CHATTY, chattyPort, env.upstream(chattyPort, CHATTY, "--log-rate",
                Integer.toString(FLOOD_LINES_PER_SECOND)));
        for (int i = 1; i <= IDLE_MODELS; i++) {
            int port = FreePorts.loopback();
            yaml.model("idle-" + i, port, env.upstream(port, "idle-" + i));
        }
        Path file = yaml.write(env.scratch.resolve("window.yaml"), Map.of("healthCheckTimeout", "30"));

        SwapdeckConfig config = ConfigLoader.load(file);
        LogHub logs = new LogHub(new EventBus());
        int proxyPort = FreePorts.loopback();
        SwapdeckEngine engine = new SwapdeckEngine(config, logs, ConfigLoader::load,
                (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(), hub),
                "http://127.0.0.1:" + proxyPort + "/v1");
        ProxyServer server = new ProxyServer(engine);
        UiOptions options = new UiOptions(Optional.of(file), engine.clientBaseUrl(), false,
                env.scratch.resolve("config.yaml"), env.scratch.resolve("window.properties"));
        CompletableFuture<Void> proxyUp = new CompletableFuture<>();
        Thread window = new Thread(() -> SwapdeckWindow.launch(engine, options, proxyUp), "swapdeck-window");
        window.setDaemon(true);
        window.start();
        InetSocketAddress proxy = server.start("127.0.0.1", proxyPort);
        proxyUp.complete(null);

        FxProbe fx = new FxProbe();
        fx.awaitModelTable(IDLE_MODELS + 1);
        long launchMillis = System.currentTimeMillis() - jvmStartMillis;
        if (PLAIN_LAUNCH.equals(args[1])) {
            emit("6. launch to window shown with model table filled, plain java -jar", "—", launchMillis + " ms",
                    "—", "—", null);
            shutDown(engine, server, env, window);
            return;
        }
        emit("6. launch to window shown with model table filled, class-data archive (as the README runs it)", "—",
                launchMillis + " ms", "—", "<= 1500 ms", launchMillis <= 1500);

        fx.showActivity();
        fx.startPulseClock();
        // idle means after the launch's own aftermath: the first rows' rehearsal ends within about a second
        Thread.sleep(2000);
        fx.resetGap();
        Thread.sleep(3000);
        double idleGap = fx.maxGapMillis();
        long heapBefore = liveHeapMb();

        AtomicLong floodLines = new AtomicLong();
        AutoCloseable counter = engine.events().subscribe(e -> {
            if (e instanceof LogLine line && line.stream() == LogStream.UPSTREAM && CHATTY.equals(line.model())) {
                floodLines.incrementAndGet();
            }
        });
        engine.load(CHATTY).get(30, TimeUnit.SECONDS);
        Requests requests = new Requests(proxy, CHATTY, CHAT_INTERVAL);
        fx.resetGap();
        long t0 = System.nanoTime();
        Thread.sleep(WARM_MILLIS);
        double firstGap = fx.maxGapMillis();
        fx.resetGap();
        Thread.sleep(FLOOD_SECONDS * 1000L - WARM_MILLIS);
        double warmGap = fx.maxGapMillis();
        double floodGap = Math.max(firstGap, warmGap);
        int served = requests.stop();
        double seconds = (System.nanoTime() - t0) / 1e9;
        engine.unload(CHATTY).get(30, TimeUnit.SECONDS);
        counter.close();
        Thread.sleep(1000);
        long heapAfter = liveHeapMb();
        System.out.printf("flood delivered %.0f lines/s to the engine over %.1f s, with %d chats (%.0f/s) into the"
                + " Activity view%n", floodLines.get() / seconds, seconds, served, served / seconds);

        emit("6. longest FX pulse gap: idle vs " + FLOOD_LINES_PER_SECOND + " lines/s flood",
                String.format("%.1f ms", idleGap), String.format("%.1f ms", floodGap),
                String.format("%+.1f ms", floodGap - idleGap), "<= 50 ms", floodGap <= 50);
        emit("6. longest FX pulse gap: idle vs the flood after its first " + WARM_MILLIS / 1000 + " s",
                String.format("%.1f ms", idleGap), String.format("%.1f ms", warmGap),
                String.format("%+.1f ms", warmGap - idleGap), "<= 50 ms", warmGap <= 50);
        emit("6. chats through the proxy into the open Activity view during the flood", "—", served + "", "—", "> 0",
                served > 0);
        emit("6. live heap before vs after the flood", heapBefore + " MB", heapAfter + " MB",
                String.format("%+d MB", heapAfter - heapBefore), "within 50 MB", heapAfter - heapBefore <= 50);

        shutDown(engine, server, env, window);
    }

    /**
     * As Main quits: the engine's shutdown closes the window, and {@code window} (running
     * {@link SwapdeckWindow#launch}) returns once the FX thread has ended, so the exit never races the
     * toolkit's last pulse (a RejectedExecutionException from the renderer, seen once).
     */
    private static void shutDown(SwapdeckEngine engine, ProxyServer server, BenchEnv env, Thread window)
            throws Exception {
        engine.shutdown().get(30, TimeUnit.SECONDS);
        window.join(10_000);
        server.stop();
        env.cleanUp();
        System.exit(0);
    }

    private static long liveHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static void emit(String figure, String baseline, String swapdeck, String delta, String target, Boolean met) {
        System.out.println(Results.encode(figure, baseline, swapdeck, delta, target, met));
    }
}
