package dev.swapdeck;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLocation;
import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.DemoConfig;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.config.UnreadableConfigException;
import dev.swapdeck.engine.ConfigSource;
import dev.swapdeck.engine.ConfigWatcher;
import dev.swapdeck.engine.ProcessFactory;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.ConsoleEcho;
import dev.swapdeck.logging.LibraryLogBridge;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.ChildRecord;
import dev.swapdeck.process.Children;
import dev.swapdeck.process.CompilerPriority;
import dev.swapdeck.process.LaunchMechanism;
import dev.swapdeck.process.Leftovers;
import dev.swapdeck.process.LeftoversStopped;
import dev.swapdeck.process.Threads;
import dev.swapdeck.proxy.ListenAddressUnavailableException;
import dev.swapdeck.proxy.ProxyServer;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.ui.FxStart;
import dev.swapdeck.ui.StartupFailureWindow;
import dev.swapdeck.ui.SwapdeckWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The composition root: parses the command line, loads the configuration, wires the engine and the
 * HTTP server, then runs the window or waits headless until a shutdown. A plain class (not the
 * JavaFX Application) so that {@code java -jar} works from the fat jar.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;
    static final int EXIT_LISTEN = 3;
    /** The window could not be opened (no display, or it failed to build). */
    static final int EXIT_WINDOW = 4;
    private static final String COULD_NOT_START = "Swapdeck could not start";
    /** Added to the longest {@code unloadTimeout}: how long after a shutdown starts Swapdeck exits regardless. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(3);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** The signals' relay installed as the JVM started ({@link #main}); null: install it when serving. */
    private final SignalRelay earlySignals;

    Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, null);
    }

    private Main(PrintStream out, PrintStream err, Map<String, String> env, SignalRelay earlySignals) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.earlySignals = earlySignals;
    }

    public static void main(String[] args) {
        // first: a SIGTERM while the configuration loads is a clean shutdown (exit 0), not the JVM's 143
        SignalRelay signals = SignalRelay.install();
        ConsoleCharset.useUtf8WhereTheLocaleNamesNone();
        LaunchMechanism.preferDirectExec();
        if (CommandLineOptions.mayOpenWindow(args)) {
            // the JIT compiles hardest during the launch and the first minutes of use: in a window it
            // waits for idle cores; headless it keeps its priority and reaches the compiled proxy sooner
            CompilerPriority.lower();
            // before parsing: the toolkit's start is the longest step of a launch, on the other core
            FxStart.begin();
        }
        System.exit(new Main(System.out, System.err, System.getenv(), signals).run(args));
    }

    int run(String[] args) {
        CommandLineOptions options = new CommandLineOptions();
        CommandLine cli = options.parser();
        ListenAddress listen;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                if (cli.isUsageHelpRequested()) {
                    cli.usage(out);
                }
                return EXIT_OK;
            }
            if (options.tlsCert != null || options.tlsKey != null) {
                throw new IllegalArgumentException("Swapdeck serves plain HTTP and takes no -tls-cert-file or"
                        + " -tls-key-file (llama-swap's TLS options): put a TLS proxy (Caddy, nginx) in front of it");
            }
            listen = ListenAddress.parse(options.listen);
        } catch (ParameterException | IllegalArgumentException e) {
            err.println("swapdeck: " + e.getMessage());
            cli.usage(err);
            if (CommandLineOptions.mayOpenWindow(args)) {
                showFailure(e.getMessage() + "\n\nThe command line was: swapdeck " + String.join(" ", args)
                        + "\nRun swapdeck --help to see the options.");
            }
            return EXIT_USAGE;
        }
        if (!options.headless) {
            // the toolkit starts on another core while the configuration, engine and server start here
            FxStart.begin();
        }
        Optional<Path> lastOpened = options.headless ? Optional.empty() : SwapdeckWindow.lastOpenedConfig();
        Optional<Path> dir = options.configDir();
        Optional<Path> file;
        try {
            if (!options.headless) {
                // the window keeps its state beside the default file: a HOME it cannot name is said now, not by the window
                ConfigLocation.defaultPath(env);
            }
            file = dir.isPresent() ? options.config() : ConfigLocation.resolve(options.config(), lastOpened, env);
        } catch (IllegalArgumentException e) {
            return startupFailed(options.headless, EXIT_USAGE, e.getMessage());
        }
        // taken before the files are read, so that a save made while Swapdeck starts is reloaded once watched
        Optional<ConfigWatcher.Before> watch = options.watchConfig
                ? Optional.of(ConfigWatcher.Before.take(watchedPaths(file, dir, env))) : Optional.empty();
        SwapdeckConfig config;
        try {
            config = file.isPresent() || dir.isPresent() ? ConfigSources.load(file, dir) : DemoConfig.load(listen.port());
        } catch (ConfigException e) {
            StringBuilder problems = new StringBuilder();
            e.report().forEach(problem -> problems.append("  ").append(problem).append('\n'));
            return startupFailed(options.headless, EXIT_USAGE,
                    "invalid configuration " + file.or(() -> dir).map(Path::toString).orElse("") + ":\n" + problems,
                    faultyFile(e.problems().get(0).file()));
        } catch (UnreadableConfigException e) {
            // a file no argument named: say where the name came from, or the person looks for it in vain
            String named = options.config().isEmpty() && dir.isEmpty()
                    && !env.getOrDefault(ConfigLocation.ENV_VARIABLE, "").isBlank()
                    ? " (named by " + ConfigLocation.ENV_VARIABLE + ")" : "";
            return startupFailed(options.headless, EXIT_USAGE, e.getMessage() + named, file.filter(Files::isRegularFile));
        } catch (IOException e) {
            return startupFailed(options.headless, EXIT_USAGE,
                    "cannot read configuration " + dir.or(() -> file).orElseThrow() + ": "
                            + FileProblems.why(dir.or(() -> file).orElseThrow(), e));
        }
        if (!listen.isLoopback() && !config.security().requiresKeys() && !options.insecureNoKeys) {
            return startupFailed(options.headless, EXIT_USAGE, "refusing to listen on " + listen + " without API keys:"
                    + " anyone who can reach it could start processes on this machine. Either set apiKeys in "
                    + file.or(() -> dir).map(Path::toString).orElse("the configuration") + " (clients then send "
                    + "\"Authorization: Bearer KEY\"), or pass --insecure-no-keys to accept the risk knowingly.");
        }
        StateFolder state;
        try {
            state = StateFolder.from(env);
        } catch (IllegalArgumentException e) {
            return startupFailed(options.headless, EXIT_USAGE, "cannot use the state folder: " + e.getMessage());
        }
        Optional<String> untrusted = state.problem();
        if (untrusted.isPresent()) {
            return startupFailed(options.headless, EXIT_USAGE, "cannot use the state folder " + state.dir() + ": "
                    + untrusted.get());
        }
        return serve(config, listen, options, dir, state, watch);
    }

    private int serve(SwapdeckConfig config, ListenAddress listen, CommandLineOptions options, Optional<Path> dir,
                      StateFolder state, Optional<ConfigWatcher.Before> watch) {
        boolean headless = options.headless;
        LogHub logs = new LogHub(new EventBus());
        LibraryLogBridge.install(logs);
        // Swapdeck's own log on the console, as llama-swap does by default; what the servers print
        // can be a flood, and stays one request away at /logs/stream/upstream.
        ConsoleEcho echo = new ConsoleEcho(logs.bus(), out);
        UncaughtFailures.reportTo(logs, err);
        SignalRelay signals = earlySignals != null ? earlySignals : SignalRelay.install();
        List<String> ignoredSignals = signals.ignoredShutdownSignals();
        boolean reloadsOnHup = signals.reloadsOnHup();
        // before anything starts: what a killed Swapdeck left must free its ports first
        Optional<LeftoversStopped> leftovers = Leftovers.reclaim(state, logs, logs.bus(), ChildProcess.STOP_GRACE);
        Children children = Children.recordedIn(ChildRecord.of(state, logs));
        // a reload reads the folder again with whichever file is (re)opened; a folder alone is its own source
        ConfigSource source = KeysKeptSource.guard(new CommandLineSource(dir), listen, options.insecureNoKeys);
        SwapdeckEngine engine = new SwapdeckEngine(config, logs, source, ProcessFactory.childProcesses(children),
                listen.clientBaseUrl(listen.port()), state, MemoryOptions.fromEnvironment(env, state));
        leftovers.ifPresent(engine::setLeftoversStoppedAtStart);
        ProxyServer server = new ProxyServer(engine);
        // With a known port the window is built while the server starts (each takes a core for a
        // few hundred milliseconds) and shown once it listens; with port 0 its address comes first.
        CompletableFuture<Void> proxyUp = new CompletableFuture<>();
        WindowThread window = headless || listen.port() == 0 ? null : WindowThread.start(engine, config, proxyUp);
        try {
            InetSocketAddress bound = server.start(listen.host(), listen.port());
            engine.setClientBaseUrl(listen.clientBaseUrl(bound.getPort()));
            proxyUp.complete(null);
        } catch (ListenAddressUnavailableException e) {
            proxyUp.completeExceptionally(e);
            // nothing was started, but the shutdown still saves what the engine keeps: wait for it, so
            // nothing writes to the state folder after Swapdeck says it exited
            awaitBounded(engine.shutdown(), engine.config());
            return startupFailed(headless, EXIT_LISTEN, RunningSwapdeck.at(listen).orElse(e.getMessage()));
        }
        ShutdownSignals.killChildrenOnExit();
        signals.connect(signal -> {
            logs.info(signal + " received: shutting down");
            engine.shutdown();
        }, () -> {
            logs.info("SIGHUP: reloading the configuration");
            engine.reload().exceptionally(error -> {
                logs.warn("reload on SIGHUP failed: " + (error.getCause() == null ? error : error.getCause()).getMessage());
                return null;
            });
        });
        if (engine.isShuttingDown()) {
            // the window failed (no display, no GTK) while the server started: nothing more to start or
            // announce after the shutdown's lines; its reason is printed last
            return closed(engine, server, echo, window, signals);
        }
        if (!ignoredSignals.isEmpty()) {
            logs.warn(String.join(" and ", ignoredSignals) + (ignoredSignals.size() == 1 ? " was" : " were")
                    + " ignored when Swapdeck started (a background job of "
                    + "a script?), so it will not stop Swapdeck; stop it with "
                    + (ignoredSignals.contains("SIGTERM") ? "" : "SIGTERM, ") + "POST /api/shutdown or the window");
        }
        if (!reloadsOnHup) {
            logs.warn("SIGHUP was ignored when Swapdeck started (nohup?), so kill -HUP will not reload the "
                    + "configuration; use POST /api/config/reload or --watch-config, or start without nohup");
        }
        if (config.isDemo()) {
            engine.findConfigForTheDemo(() -> ConfigLocation.resolve(Optional.empty(), env), ConfigLocation.defaultPath(env));
        }
        watch.ifPresent(before -> ConfigWatcher.start(engine, before));
        if (!listen.isLoopback() && !config.security().requiresKeys()) {
            logs.warn("--insecure-no-keys: listening on " + listen + ", which is not a loopback address, without "
                    + "API keys: anyone who can reach it can start processes on this machine; set apiKeys to "
                    + "require a key");
        } else if (!listen.isLoopback()) {
            logs.info("listening on " + listen + ", beyond loopback: every route but /health needs an API key");
        }
        logs.info("clients use " + engine.clientBaseUrl());
        if (config.isDemo()) {
            logs.info("no configuration file found: running the built-in demo (create "
                    + ConfigLocation.defaultPath(env) + " or pass --config FILE)");
        }
        engine.preload();
        if (!headless && window == null) {
            window = WindowThread.start(engine, config, proxyUp);
        }
        return closed(engine, server, echo, window, signals);
    }

    /** Waits for the shutdown and the window (if any); the exit code, with the window's failure printed last. */
    private int closed(SwapdeckEngine engine, ProxyServer server, ConsoleEcho echo, WindowThread window,
                       SignalRelay signals) {
        awaitShutdown(engine, server);
        echo.close();
        if (window != null) {
            window.awaitClosed(shutdownBound(engine.config()).toMillis(), TimeUnit.MILLISECONDS);
            Optional<String> failure = window.failure();
            if (failure.isPresent()) {
                err.println("swapdeck: " + failure.get());
                if (!window.failureShown()) {
                    // the engine has stopped: a SIGTERM now closes the notice, and the exit code stands
                    CompletableFuture<Void> dismissed = new CompletableFuture<>();
                    signals.connect(signal -> dismissed.complete(null), () -> { });
                    DesktopNotice.show(COULD_NOT_START, failure.get(), env, dismissed);
                }
                return EXIT_WINDOW;
            }
        }
        return EXIT_OK;
    }

    /** The longest stop grace of any model (they stop in parallel) plus a margin. */
    static Duration shutdownBound(SwapdeckConfig config) {
        return config.models().values().stream().map(m -> m.extras().unloadTimeout())
                .max(Duration::compareTo).orElse(Duration.ZERO).plus(SHUTDOWN_MARGIN);
    }

    /**
     * Reports a failure to start on stderr and, unless headless, in a small window too: someone who
     * launched Swapdeck from the desktop menu never sees stderr.
     */
    private int startupFailed(boolean headless, int exitCode, String message) {
        return startupFailed(headless, exitCode, message, Optional.empty());
    }

    /** The same, where {@code file} is at fault: the window offers to open it. */
    private int startupFailed(boolean headless, int exitCode, String message, Optional<Path> file) {
        err.println("swapdeck: " + message.strip());
        if (!headless) {
            showFailure(message.strip(), file);
        }
        return exitCode;
    }

    /** What {@code --watch-config} watches: the file and folder read, or for the demo the file its hint asks for. */
    private static List<Path> watchedPaths(Optional<Path> file, Optional<Path> dir, Map<String, String> env) {
        List<Path> watched = new ArrayList<>();
        file.filter(p -> !Files.isDirectory(p)).ifPresent(watched::add);
        dir.ifPresent(watched::add);
        if (file.isEmpty() && dir.isEmpty()) {
            // the demo: the file its hint asks for, loaded once it is written
            ConfigLocation.resolve(Optional.empty(), env).or(() -> Optional.of(ConfigLocation.defaultPath(env)))
                    .ifPresent(watched::add);
        }
        return watched;
    }

    /** The file a configuration problem names, when it is one (not a folder's or the demo's). */
    private static Optional<Path> faultyFile(String named) {
        return Optional.of(Path.of(named)).filter(Files::isRegularFile);
    }

    /** In a window of Swapdeck's own or, where JavaFX cannot show one (GTK missing), the desktop's dialog tools. */
    private void showFailure(String message) {
        showFailure(message, Optional.empty());
    }

    /** A SIGTERM or SIGINT (the desktop session ending, say) closes the window: the failure's exit code stands. */
    private void showFailure(String message, Optional<Path> file) {
        CompletableFuture<Void> dismissed = new CompletableFuture<>();
        if (earlySignals != null) {
            earlySignals.connect(signal -> dismissed.complete(null), () -> { });
        }
        if (!dismissed.isDone() && !StartupFailureWindow.show(COULD_NOT_START, message, file, dismissed)) {
            DesktopNotice.show(COULD_NOT_START, message, env, dismissed);
        }
    }

    /**
     * Blocks until someone (a signal, the window, {@code POST /api/shutdown}) shuts the engine down;
     * then stops the HTTP server after the processes, and waits for both within one bound (the stop
     * grace plus a margin). The exit hook kills whatever is left after that.
     */
    private void awaitShutdown(SwapdeckEngine engine, ProxyServer server) {
        try {
            while (!engine.isShuttingDown()) {
                try {
                    engine.terminated().get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    continue;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            err.println("swapdeck: shutdown failed: " + e.getCause());
            return;
        }
        // the HTTP server stops once the models have: a request a server still held when it was stopped
        // ends as that server exits, with a 502 that says so, which needs the client's connection open
        CompletableFuture<Void> http = engine.terminated().handle((stopped, failed) -> stopped)
                .thenRunAsync(server::stop, Threads.eachOnItsOwn("swapdeck-http-stop"));
        awaitBounded(CompletableFuture.allOf(engine.terminated(), http), engine.config());
    }

    /** Waits for a shutdown's end within {@link #shutdownBound}; the exit hook kills whatever is left after. */
    private void awaitBounded(CompletableFuture<?> stopped, SwapdeckConfig config) {
        try {
            stopped.get(shutdownBound(config).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("swapdeck: processes did not stop in time; killing them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            err.println("swapdeck: shutdown failed: " + e.getCause());
        }
    }
}
