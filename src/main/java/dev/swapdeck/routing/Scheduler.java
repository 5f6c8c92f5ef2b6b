package dev.swapdeck.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queue order (SPEC §4), as a policy with no threads and no clock of its own: which waiting
 * requests go now and which swap comes next. The router calls {@link #pass} under its lock whenever
 * something changed (a request arrived or left, a request finished, a swap finished, time passed) and
 * carries the decisions out through {@link Effects}.
 *
 * <ol>
 *   <li>Requests that can be served without a swap go at once, whatever their place in the queue:
 *       this is what keeps two clients alternating between two models from swapping per request. One
 *       that would start a stopped model keeps its place instead when an earlier request waits for a
 *       swap that would then stop that model too (a member of the active profile, say, asked for while
 *       a request outside the profile swaps it out): served first, it would cost a start and a stop out
 *       of turn.</li>
 *   <li>Otherwise the queue is served in priority order (higher first), first come first served within
 *       one priority; the first request that needs a swap chooses it, and the swap is carried out once
 *       the models it stops have no request in flight. Where swaps may run side by side, each waiting
 *       request in that order chooses its own, unless it would stop a model another swap is stopping or an
 *       earlier request's swap is waiting to stop. A model that has just finished answering while
 *       the swap waited for it is given {@code linger} first: its clients' next requests, sent the moment
 *       an answer arrives, would otherwise find it gone (a swap per request).</li>
 *   <li>A request that has waited {@code maxQueueWait} for a swap is overdue: from then on no request
 *       that arrived after it may use the models its swap stops, so they drain, and its swap goes next.
 *       The oldest overdue request wins over priorities.</li>
 * </ol>
 *
 * @param <T> the router's request ticket
 */
final class Scheduler<T> {

    /** The router's side: its state, read and changed under its lock. */
    interface Effects<T> {
        /** What serving this request now would stop. */
        SwapPolicy.Plan plan(T request);

        /** The model this request is for. */
        String model(T request);

        /**
         * Whether this model is on its way out: a swap under way, an unload or its TTL is stopping it. It
         * takes no new requests until it is gone: its process may still answer as ready for a moment.
         */
        boolean leaving(String model);

        /** Whether this model has requests in flight. */
        boolean busy(String model);

        /**
         * {@link System#nanoTime()} when this model last finished answering a request whose client
         * stayed to the end; a request whose client left does not count (its client sends no next one).
         */
        long answeredNanos(String model);

        /** Whether a swap is under way. */
        boolean swapping();

        /**
         * Whether swaps that stop different models may run side by side (as in llama-swap, whose
         * groups swap independently): a request that needs a swap whose models are busy then holds up
         * no later request whose swap stops others. Not when memory decides: two plans would count
         * the same free bytes.
         */
        boolean parallelSwaps();

        /**
         * Whether serving {@code later} now (under {@code laterPlan}, which needs no swap) would start a
         * model that {@code earlier}'s swap would then have to stop as well. False when its model is
         * already running or starting.
         */
        boolean startsInTheWayOf(T later, SwapPolicy.Plan laterPlan, T earlier);

        /** Serve it under {@code plan}, which needs no swap: it counts as in flight from now on and its model may start. */
        void admit(T request, SwapPolicy.Plan plan);

        /** Stop {@code plan.evict()} so that {@code request} can run; it stays queued meanwhile. */
        void swap(T request, SwapPolicy.Plan plan);
    }

    private record Waiting<T>(T request, int priority, long arrivalNanos, long order) {
    }

    private final List<Waiting<T>> queue = new ArrayList<>();
    /** Queued requests that keep their place but sit out every pass until {@link #unhold}. */
    private final Set<T> held = new HashSet<>();
    private final long maxWaitNanos;
    private final long lingerNanos;
    private long arrivals;

    /**
     * @param linger how long a model that just went idle under a waiting swap may keep taking requests
     *               (the router re-runs {@link #pass} a few times a second, so this is a lower bound)
     */
    Scheduler(Duration maxQueueWait, Duration linger) {
        this.maxWaitNanos = maxQueueWait.toNanos();
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Queues a request that arrived at {@code arrivalNanos}: after every request of a higher priority,
     * and of its own that arrived no later, before the rest. A request arrives now, except one a
     * reload routes again, which keeps its place and the time it has waited.
     */
    void add(T request, int priority, long arrivalNanos) {
        Waiting<T> waiting = new Waiting<>(request, priority, arrivalNanos, arrivals++);
        int at = queue.size();
        for (int i = 0; i < queue.size(); i++) {
            Waiting<T> queued = queue.get(i);
            if (queued.priority() < priority || queued.priority() == priority && earlier(waiting, queued)) {
                at = i;
                break;
            }
        }
        queue.add(at, waiting);
    }

    /** Whether {@code a} arrived before {@code b} (by arrival time, then by when it was queued). */
    private static boolean earlier(Waiting<?> a, Waiting<?> b) {
        return a.arrivalNanos() != b.arrivalNanos() ? a.arrivalNanos() - b.arrivalNanos() < 0 : a.order() < b.order();
    }

    /** Withdraws a request that has not been admitted; false if it is not queued. */
    boolean remove(T request) {
        held.remove(request);
        return queue.removeIf(w -> w.request() == request);
    }

    /** Keeps a queued request in its place (it still counts and can be withdrawn) but out of the passes. */
    void hold(T request) {
        held.add(request);
    }

    void unhold(T request) {
        held.remove(request);
    }

    boolean held(T request) {
        return held.contains(request);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Every queued request, in the order they would be served; the queue is left as it is. */
    List<T> queued() {
        return queue.stream().map(Waiting::request).toList();
    }

    /** Every queued request, in the order they would be served, emptying the queue. */
    List<T> drain() {
        List<T> all = queue.stream().map(Waiting::request).toList();
        queue.clear();
        held.clear();
        return all;
    }

    /** Admits what may go now and starts the next swap if its victims are idle. */
    void pass(Effects<T> effects, long nowNanos) {
        admitOverdueFirst(effects, nowNanos);
        Optional<Waiting<T>> overdue = oldestOverdue(effects, nowNanos);
        Set<String> victims = overdue.map(w -> effects.plan(w.request()).evict()).orElse(Set.of());
        List<T> awaitingSwaps = new ArrayList<>(0);
        for (Iterator<Waiting<T>> it = queue.iterator(); it.hasNext(); ) {
            Waiting<T> waiting = it.next();
            String model = effects.model(waiting.request());
            boolean jumpsTheOverdue = overdue.isPresent() && earlier(overdue.get(), waiting) && victims.contains(model);
            if (jumpsTheOverdue || sitsOut(waiting) || effects.leaving(model)) {
                continue;
            }
            SwapPolicy.Plan plan = effects.plan(waiting.request());
            if (plan.needsSwap()) {
                awaitingSwaps.add(waiting.request());
            } else if (awaitingSwaps.isEmpty() // the common case, on every request: nothing waits for a swap
                    || awaitingSwaps.stream().noneMatch(e -> effects.startsInTheWayOf(waiting.request(), plan, e))) {
                it.remove();
                effects.admit(waiting.request(), plan);
            }
        }
        Set<String> claimed = new HashSet<>();
        if (overdue.isPresent() && queue.contains(overdue.get())) {
            if (effects.swapping() && !effects.parallelSwaps()) {
                return;
            }
            swapIfSettled(effects, overdue.get(), effects.plan(overdue.get().request()), true, nowNanos);
            if (!effects.parallelSwaps()) {
                return; // next, and no other
            }
            claimed.addAll(victims); // swaps beside it go only where they stop none of its victims
        }
        for (Waiting<T> waiting : List.copyOf(queue)) {
            if (overdue.isPresent() && waiting == overdue.get() || sitsOut(waiting)
                    || effects.leaving(effects.model(waiting.request()))) {
                continue;
            }
            if (effects.swapping() && !effects.parallelSwaps()) {
                return;
            }
            SwapPolicy.Plan plan = effects.plan(waiting.request());
            // an earlier request's victims are its to stop, once settled for it (lingering, say)
            if (plan.evict().stream().noneMatch(claimed::contains)) {
                swapIfSettled(effects, waiting, plan, false, nowNanos);
            }
            claimed.addAll(plan.evict());
            if (!effects.parallelSwaps()) {
                return; // one swap at a time: the first request that needs one chooses it
            }
        }
    }

    /**
     * Starts {@code waiting}'s swap ({@code plan}) if it needs one that stops no model a swap under way
     * is stopping, and every model it stops is {@link #settled}.
     */
    private void swapIfSettled(Effects<T> effects, Waiting<T> waiting, SwapPolicy.Plan plan, boolean overdue,
            long nowNanos) {
        if (plan.needsSwap() && plan.evict().stream().noneMatch(effects::leaving)
                && plan.evict().stream().allMatch(m -> settled(effects, m, waiting, overdue, nowNanos))) {
            effects.swap(waiting.request(), plan);
        }
    }

    /**
     * Requests past {@code maxQueueWait} that can go now go first, oldest first: once the swap made for
     * one has stopped its victims it needs no swap, and a later request of a higher priority, admitted
     * before it in queue order, would start another model in its way.
     */
    private void admitOverdueFirst(Effects<T> effects, long nowNanos) {
        List<Waiting<T>> overdue = new ArrayList<>(0);
        for (Waiting<T> waiting : queue) {
            if (nowNanos - waiting.arrivalNanos() >= maxWaitNanos && !sitsOut(waiting)) {
                overdue.add(waiting);
            }
        }
        overdue.sort((a, b) -> a == b ? 0 : earlier(a, b) ? -1 : 1);
        for (Waiting<T> waiting : overdue) {
            if (effects.leaving(effects.model(waiting.request()))) {
                continue;
            }
            SwapPolicy.Plan plan = effects.plan(waiting.request());
            if (!plan.needsSwap()) {
                queue.remove(waiting);
                effects.admit(waiting.request(), plan);
            }
        }
    }

    /**
     * Whether a victim may be stopped for {@code waiting}: nothing in flight, and either it last answered
     * before the request arrived (no contention), it has lingered long enough, or the request is overdue.
     */
    private boolean settled(Effects<T> effects, String victim, Waiting<T> waiting, boolean overdue, long nowNanos) {
        if (effects.busy(victim)) {
            return false;
        }
        long answered = effects.answeredNanos(victim);
        return overdue || answered <= waiting.arrivalNanos() || nowNanos - answered >= lingerNanos;
    }

    private boolean sitsOut(Waiting<T> waiting) {
        return !held.isEmpty() && held.contains(waiting.request());
    }

    /** The earliest arrival among requests that have waited too long and cannot go without a swap. */
    private Optional<Waiting<T>> oldestOverdue(Effects<T> effects, long nowNanos) {
        Waiting<T> oldest = null;
        for (Waiting<T> waiting : queue) {
            boolean overdue = nowNanos - waiting.arrivalNanos() >= maxWaitNanos && !sitsOut(waiting);
            boolean blocked = overdue && (effects.leaving(effects.model(waiting.request()))
                    || effects.plan(waiting.request()).needsSwap());
            if (blocked && (oldest == null || earlier(waiting, oldest))) {
                oldest = waiting;
            }
        }
        return Optional.ofNullable(oldest);
    }
}
