package dev.swapdeck.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * What other programs use, as plans count it: the smallest figure of the samples of the last few
 * seconds. The two nvidia-smi queries are not one snapshot, and a driver frees a stopped server's
 * memory a moment after it exits; either makes one sample credit a model's memory to "other
 * programs". Believed, that blip would refuse a request whose room had just been made. A program that
 * really grows is seen a few seconds later; one that shrinks, at once. Thread-safe.
 */
final class OtherPrograms {
    static final long WINDOW_NANOS = 3_000_000_000L;

    private record Seen(long nanos, long bytes) {
    }

    private final Deque<Seen> recent = new ArrayDeque<>();
    /**
     * The sources whose readings have credited memory to a model's processes (nvidia-smi on a desktop,
     * and /proc, do from a model's first allocation on; see {@link Sample#other}).
     */
    private final Set<Reading.Source> listingModels = EnumSet.noneOf(Reading.Source.class);

    /**
     * One sample, with {@code standIn} each model's prediction; {@code listedBefore}: an earlier run's
     * readings of the sample's kind credited a model (a footprint learned from them is saved);
     * {@code ready}: whether a model is ready (it has loaded: what it holds, it holds).
     */
    synchronized void add(Sample sample, ToLongFunction<String> standIn, boolean listedBefore, Predicate<String> ready) {
        if (listedBefore || sample.creditsAModel()) {
            listingModels.add(sample.source());
        }
        boolean listing = listingModels.contains(sample.source());
        add(sample.other(standIn, model -> !listing || ready.test(model)));
    }

    private void add(long other) {
        long now = System.nanoTime();
        recent.addLast(new Seen(now, other));
        while (recent.size() > 1 && now - recent.peekFirst().nanos() > WINDOW_NANOS) {
            recent.removeFirst();
        }
    }

    synchronized long current() {
        return recent.stream().mapToLong(Seen::bytes).min().orElse(0);
    }
}
