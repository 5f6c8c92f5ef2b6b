package dev.swapdeck.ui.playground;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.ui.EngineSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The playground: send one prompt to a model, alias or {@code profile:model} through the proxy and
 * watch the answer stream in, with its time to first token and tokens per second (a token is one
 * streamed content chunk, which is what llama-server sends). When the configuration requires API
 * keys, the request carries the first one, as a client of this machine would. Tokens arriving between two FX turns
 * are appended as one batch: at most one hand-off to the FX thread is pending at a time. FX thread,
 * except where noted.
 */
public final class PlaygroundViewModel {
    /**
     * Built when the view is first shown ({@link #prepare}), off the FX thread, or else at the first
     * send; never at launch: the JDK's HTTP client costs a tenth of a second to set up.
     */
    private volatile HttpClient client;
    /** Completes once {@link #prepare} has its client, warm or not; null until it is called. */
    private CompletableFuture<Void> prepared;
    /** How long after a stream broke off its record is looked for: the proxy ends the exchange as it cuts it. */
    private static final long RECORD_WAIT_MILLIS = 300;
    private final Supplier<String> baseUrl;
    private final Executor fx;
    private final Supplier<List<ActivityRecord>> activity;
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "Say hello in five words.");
    /** The most tokens the playground asks for. */
    public static final int MAX_TOKENS = 32_768;
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(this, "maxTokens", 256);
    private final GrowingAnswer answer = new GrowingAnswer();
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper(this, "stats", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private SwapdeckConfig shownConfig;
    private Run current;
    /** The person chose the target; {@code choosing}: the target is being set here, not by them. */
    private boolean picked;
    private boolean choosing;

    /**
     * @param baseUrl the proxy's OpenAI base URL as clients use it (read at each send)
     * @param fx      runs on the FX thread
     */
    public PlaygroundViewModel(Supplier<String> baseUrl, Executor fx) {
        this(baseUrl, fx, List::of);
    }

    /**
     * @param activity the proxy's recent requests, oldest first: an answer that broke off is told by
     *                 its record why (unloaded, its ttl, a swap, a crash)
     */
    public PlaygroundViewModel(Supplier<String> baseUrl, Executor fx, Supplier<List<ActivityRecord>> activity) {
        this.baseUrl = baseUrl;
        this.fx = fx;
        this.activity = activity;
        target.addListener((obs, was, now) -> picked |= !choosing);
    }

    /**
     * Offers every name {@code /v1/models} may list of the configuration in force (model ids,
     * selectors, peers' models) with every alias and {@code profile:model}. Until the person picks a
     * target, or one they sent to failed (or after that one leaves the configuration), the target is
     * {@link DefaultTarget}'s and follows the models' states.
     */
    public void apply(EngineSnapshot snapshot) {
        SwapdeckConfig config = snapshot.config();
        if (config != shownConfig) {
            shownConfig = config;
            List<String> names = new ArrayList<>(config.models().keySet());
            names.addAll(new TreeSet<>(config.routing().selectors().keySet()));
            snapshot.remoteModels().forEach(peerModel -> names.add(peerModel.id()));
            names.addAll(new TreeSet<>(config.aliases().keySet()));
            config.profiles().forEach((profile, members) -> members.forEach(m -> names.add(profile + ":" + m)));
            String kept = target.get();
            choosing = true;
            targets.setAll(names);
            target.set(kept);
            choosing = false;
            picked &= names.contains(kept);
        }
        if (!picked) {
            String preferred = DefaultTarget.pick(snapshot.models(), targets, target.get());
            choosing = true;
            target.set(preferred);
            choosing = false;
        }
    }

    /** The person is choosing a target (typing or looking at the list): from now on it is theirs. */
    public void holdTarget() {
        picked = true;
    }

    /**
     * Builds the HTTP client on a thread of its own and sends one {@code GET /models} through the
     * proxy with it, leaving that connection open for the first Send. Without it the first answer's
     * time to first token included the client's set-up and first request (0.20 s shown where the
     * proxy measured 13 ms, with a real llama-server). Once; the view calls it when first shown.
     *
     * @return completes once the client is there for the first Send
     */
    public CompletableFuture<Void> prepare() {
        if (prepared != null) {
            return prepared;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        prepared = done;
        HttpRequest.Builder models = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/models"))
                .timeout(Duration.ofSeconds(5));
        apiKey().ifPresent(key -> models.header("Authorization", "Bearer " + key));
        Thread warm = new Thread(() -> {
            HttpClient built = newClient();
            try {
                built.send(models.build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException | RuntimeException e) {
                // the proxy is not up yet, or refused: the first Send says so in its own words
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (client == null) {
                client = built;
            }
            done.complete(null);
        }, "swapdeck-playground-prepare");
        warm.setDaemon(true);
        warm.start();
        return done;
    }

    /**
     * Sends the prompt; a request still streaming is stopped first. With no target or no prompt nothing
     * is sent, and an answer still streaming goes on untouched: such a Send is most often a slip (the
     * prompt cleared to write the next), Stop and Esc are there to stop it, and the stats line stays the
     * running answer's, as a notice there would be overwritten by its next tokens.
     */
    public void send() {
        if (target.get().isBlank() || prompt.get().isBlank()) {
            if (!running.get()) {
                stats.set("Pick a model and type a prompt first");
            }
            return;
        }
        stop();
        answer.clear();
        stats.set("waiting for " + target.get() + "…");
        running.set(true);
        if (client == null) {
            client = newClient();
        }
        // timed from here: building the client is no part of the request
        Run run = new Run(System.nanoTime(), Instant.now());
        current = run;
        run.stream = ChatStream.start(client, baseUrl.get(), apiKey(), target.get().strip(), prompt.get(),
                maxTokens.get(), run);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The key a request carries when the configuration requires API keys: its first, as a client here would. */
    private Optional<String> apiKey() {
        return shownConfig == null ? Optional.empty() : shownConfig.security().apiKeys().stream().findFirst();
    }

    /** Cancels the request in flight, if any; what has arrived stays. */
    public void stop() {
        if (current != null && running.get()) {
            current.stream.stop();
        }
    }

    public ObservableList<String> targets() {
        return targets;
    }

    /** A model id, alias or {@code profile:model}; typed or picked. */
    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    /**
     * Takes what the max-tokens field shows, brought into 1 to {@value #MAX_TOKENS}; text that is no
     * whole number leaves the value as it was and the stats line says why. Answers whether it took it.
     */
    public boolean acceptMaxTokens(String typed) {
        try {
            maxTokens.set((int) Math.max(1, Math.min(MAX_TOKENS, Long.parseLong(typed.strip()))));
            return true;
        } catch (NumberFormatException e) {
            stats.set("Max tokens must be a whole number from 1 to " + MAX_TOKENS);
            return false;
        }
    }

    /** From now on {@code listener} is told each change of the answer; it is told nothing of the answer so far. */
    public void addAnswerListener(AnswerListener listener) {
        answer.follow(listener);
    }

    /** The whole answer so far, built now (its pieces are what a view should follow). */
    public String answer() {
        return answer.text();
    }

    /**
     * {@code first token after 0.42 s · 37 tokens · 41.3 tokens/s}, or what went wrong. Count and speed are
     * the server's own once it reports them (llama.cpp's {@code timings}), as the Activity view shows them.
     */
    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** One request: gathers tokens on the HTTP thread and hands them to the FX thread in batches. */
    private final class Run implements ChatStream.Listener {
        private final long startNanos;
        private final Instant sentAt;
        private final StringBuilder pending = new StringBuilder();
        private ChatStream stream;
        private long firstNanos;
        private long lastNanos;
        private int tokens;
        private boolean handOffPending;
        private int reportedTokens = -1;
        private double reportedSpeed;

        Run(long startNanos, Instant sentAt) {
            this.startNanos = startNanos;
            this.sentAt = sentAt;
        }

        @Override
        public void token(String text) {
            synchronized (this) {
                long now = System.nanoTime();
                if (tokens == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                tokens++;
                pending.append(text);
                if (handOffPending) {
                    return;
                }
                handOffPending = true;
            }
            fx.execute(this::flush);
        }

        @Override
        public synchronized void timings(int tokens, double tokensPerSecond) {
            reportedTokens = tokens;
            reportedSpeed = tokensPerSecond;
        }

        @Override
        public void finished(boolean stopped) {
            fx.execute(() -> end(figures() + (stopped ? " · stopped" : "")));
        }

        /** Shows why after the figures of what came, if anything did: a partial answer stays readable as such. */
        @Override
        public void failed(String message) {
            fx.execute(() -> {
                keepTargetAfterFailure();
                end(tokensSoFar() == 0 ? message : figures() + " · " + message);
            });
        }

        /**
         * Says the answer was cut, then why, once the proxy's record of this request tells it (the
         * record of the newest chat sent since this one whose answer was cut); the HTTP client's own
         * words ("EOF reached while reading") meanwhile, and when no record says more.
         */
        @Override
        public void cut(String cause) {
            fx.execute(() -> {
                keepTargetAfterFailure();
                end(figures() + " · the answer broke off (" + cause + ")");
            });
            CompletableFuture.delayedExecutor(RECORD_WAIT_MILLIS, TimeUnit.MILLISECONDS, fx).execute(() -> {
                Optional<String> why = whyCut();
                if (current == this && why.isPresent()) {
                    stats.set(figures() + " · " + why.get());
                }
            });
        }

        private Optional<String> whyCut() {
            List<ActivityRecord> records = activity.get();
            for (int i = records.size() - 1; i >= 0; i--) {
                ActivityRecord record = records.get(i);
                if (record.at().isBefore(sentAt)) {
                    break;
                }
                if (record.stream() && record.path().endsWith("/chat/completions") && record.interruption().isPresent()) {
                    return record.interruption();
                }
            }
            return Optional.empty();
        }

        private void flush() {
            String text;
            synchronized (this) {
                text = pending.toString();
                pending.setLength(0);
                handOffPending = false;
            }
            if (current == this) {
                answer.append(text);
                stats.set(figures());
            }
        }

        /**
         * The target of an answer that failed or broke off stays, as if picked: DefaultTarget passes over
         * a model whose start failed, and would move the field away under the failure's message, so that
         * Send again would go elsewhere. An answer that came whole leaves the default following the models.
         */
        private void keepTargetAfterFailure() {
            if (current == this) {
                holdTarget();
            }
        }

        /** Shows the last of the answer and {@code last} as the stats line, before it stops running. */
        private void end(String last) {
            flush();
            if (current == this) {
                stats.set(last);
                running.set(false);
            }
        }

        private synchronized int tokensSoFar() {
            return tokens;
        }

        private synchronized String figures() {
            if (tokens == 0) {
                return "no tokens yet";
            }
            if (reportedTokens >= 0) {
                return String.format(Locale.ROOT, "first token after %.2f s · %d tokens · %.1f tokens/s",
                        (firstNanos - startNanos) / 1e9, reportedTokens, reportedSpeed);
            }
            String text = String.format(Locale.ROOT, "first token after %.2f s · %d tokens", (firstNanos - startNanos) / 1e9, tokens);
            if (tokens > 1 && lastNanos > firstNanos) {
                text += String.format(Locale.ROOT, " · %.1f tokens/s", (tokens - 1) / ((lastNanos - firstNanos) / 1e9));
            }
            return text;
        }
    }
}
