package dev.swapdeck.routing;

import dev.swapdeck.memory.MemoryModels;
import dev.swapdeck.memory.MemoryMonitor;
import dev.swapdeck.memory.Occupant;
import dev.swapdeck.memory.RoomPlan;
import dev.swapdeck.memory.RoomPlanner;
import dev.swapdeck.memory.Sample;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Memory-aware swapping (SPEC §11) as the router's {@link RoomPolicy}. The swap rules' evictions stand
 * (profiles, declared groups, the matrix; with a {@code memory:} section ungrouped models no longer
 * take turns, see {@link SwapPolicy}); then {@link RoomPlanner} adds the evictions memory needs, from
 * the latest sample and the predictions, or refuses.
 */
public final class MemoryRoom implements RoomPolicy {
    private final MemoryMonitor monitor;

    public MemoryRoom(MemoryMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public SwapPolicy.Plan refine(Route route, SwapPolicy.Plan plan, List<Holder> holders) {
        MemoryModels models = monitor.models();
        if (models == null || !models.enabled()) {
            return plan;
        }
        Set<String> forced = plan.evict();
        String target = route.modelId();
        boolean running = holders.stream().anyMatch(h -> h.id().equals(target) && !h.leaving()
                && (h.state() == ProcessState.STARTING || h.state() == ProcessState.READY));
        Optional<Sample> sample = monitor.latest();
        if (running || (sample.isEmpty() && models.config().budget().isEmpty())) {
            return new SwapPolicy.Plan(forced, plan.activeProfile());
        }
        List<Occupant> occupants = new ArrayList<>();
        for (Holder h : holders) {
            if (!h.id().equals(target) && h.holdsMemory()) {
                long measured = sample.map(s -> s.measured(h.id())).orElse(0L);
                occupants.add(new Occupant(h.id(), Math.max(measured, models.predict(h.id()).bytes()),
                        models.pinned(h.id()), h.busy(), h.leaving(), h.lastUsedNanos()));
            }
        }
        long budget = models.budget(sample);
        long ceiling = models.config().budget().isEmpty() ? budget
                : sample.map(Sample::total).filter(total -> total > 0).orElse(Long.MAX_VALUE);
        RoomPlan room = RoomPlanner.plan(target, models.predict(target).bytes(), budget, ceiling,
                models.config().reserve(), monitor.otherPrograms(), occupants, forced);
        if (!room.fits()) {
            throw new RoutingException(Kind.NO_ROOM, room.refusal().orElseThrow());
        }
        Set<String> evict = new LinkedHashSet<>(forced);
        evict.addAll(room.evict());
        return new SwapPolicy.Plan(evict, plan.activeProfile());
    }

    @Override
    public boolean measuredSince(long nanos) {
        return monitor.sampledSince(nanos);
    }

    @Override
    public boolean fitsWhenEmpty(Route route) {
        MemoryModels models = monitor.models();
        return models == null || !models.enabled() || models.predict(route.modelId()).bytes()
                <= models.budget(monitor.latest()) - models.config().reserve();
    }

    @Override
    public void measureSoon() {
        monitor.requestSample();
    }
}
