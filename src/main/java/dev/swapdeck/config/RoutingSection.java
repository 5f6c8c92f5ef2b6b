package dev.swapdeck.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads every setting that decides what runs and in which order: {@code profiles}, {@code selectors},
 * the top-level {@code groups}/{@code matrix} of 2025 and the {@code routing} block of 2026,
 * {@code routing.scheduler.settings.fifo.priority} and {@code maxQueueWait}. As in llama-swap, a file
 * uses either the top-level keys or {@code routing.router}, never both, and groups or a matrix, never
 * both in force; a section that is present but not in force is still checked, with warnings only.
 */
final class RoutingSection {

    /** What {@link ConfigLoader} needs: seed-era profiles (their own component) and the rest. */
    record Result(Map<String, List<String>> seedProfiles, RoutingRules rules) {
    }

    private static final String ROUTING_KEYS_NOTE = "a mapping (router, scheduler)";

    private RoutingSection() {
    }

    /** @param peers the configuration's peers: a pin or selector target a peer serves is no unknown model */
    static Result read(Map<String, YamlNodes.Entry> top, ModelReferences names, ConfigExtras peers, Problems p) {
        Predicate<String> peerQualified = name -> peers.peers().values().stream()
                .anyMatch(peer -> peer.models().stream().anyMatch(m -> peer.qualified(m).equals(name)));
        Predicate<String> servedByPeer = name -> peerQualified.test(name) || peers.peers().values().stream()
                .anyMatch(peer -> peer.models().contains(name));
        Map<String, Selector> selectors = Optional.ofNullable(top.get("selectors"))
                .map(e -> SelectorSection.read(e, names, peers.peers().values(), servedByPeer, p)).orElse(Map.of());
        Set<String> selectorNames = Optional.ofNullable(top.get("selectors")).map(SelectorSection::names).orElse(Set.of());
        ProfileSection.Profiles profiles = Optional.ofNullable(top.get("profiles"))
                .map(e -> ProfileSection.read(e, names, selectorNames, servedByPeer, peerQualified, p))
                .orElse(new ProfileSection.Profiles(Map.of(), Map.of()));

        Map<String, YamlNodes.Entry> routing = section(top.get("routing"), ROUTING_KEYS_NOTE, p);
        Map<String, YamlNodes.Entry> router = section(routing.get("router"), "a mapping (use, settings)", p);
        Map<String, YamlNodes.Entry> scheduler = section(routing.get("scheduler"), "a mapping (use, settings)", p);
        routing.values().stream().filter(e -> !Set.of("router", "scheduler").contains(e.key()))
                .forEach(e -> IgnoredKeys.unknown(e, p));

        Swapping swapping = swapping(top, router, names, p);
        Map<String, Integer> priority = priority(scheduler, names, p);
        Duration maxQueueWait = Optional.ofNullable(top.get("maxQueueWait")).flatMap(e -> seconds(e, p))
                .orElse(RoutingRules.DEFAULT_MAX_QUEUE_WAIT);
        RoutingRules rules = new RoutingRules(swapping.matrix, swapping.groups, profiles.pins(), selectors, priority,
                maxQueueWait);
        return new Result(profiles.sets(), rules);
    }

    private record Swapping(Optional<MatrixRules> matrix, List<GroupRule> groups) {
    }

    private static Swapping swapping(Map<String, YamlNodes.Entry> top, Map<String, YamlNodes.Entry> router,
            ModelReferences names, Problems p) {
        YamlNodes.Entry topGroups = top.get("groups");
        YamlNodes.Entry topMatrix = top.get("matrix");
        Map<String, YamlNodes.Entry> settings = section(router.get("settings"), "a mapping (groups, matrix)", p);
        settings.values().stream().filter(e -> !Set.of("groups", "matrix").contains(e.key()))
                .forEach(e -> IgnoredKeys.unknown(e, p));
        router.values().stream().filter(e -> !Set.of("use", "settings").contains(e.key()))
                .forEach(e -> IgnoredKeys.unknown(e, p));
        if (topGroups != null || topMatrix != null) {
            if (!router.isEmpty()) {
                YamlNodes.Entry legacy = topGroups != null ? topGroups : topMatrix;
                p.error(legacy.keyNode(), legacy.path(), "this file sets both the top-level " + legacy.key()
                        + " and routing.router; move " + legacy.key() + " into routing.router.settings (llama-swap "
                        + "refuses both as well)");
            }
            if (topGroups != null && topMatrix != null) {
                p.error(topMatrix.keyNode(), topMatrix.path(), "groups and matrix cannot both be used; keep one");
            }
            return inForce(topMatrix != null ? "matrix" : "group", topGroups, topMatrix, names, p);
        }
        String use = Optional.ofNullable(router.get("use")).flatMap(e -> YamlNodes.text(e.value(), e.path(), p))
                .map(Located::value).orElse("group");
        if (!use.equals("group") && !use.equals("matrix")) {
            YamlNodes.Entry e = router.get("use");
            p.error(e.value(), e.path(), "expected group or matrix, got " + YamlNodes.describe(e.value()));
            use = "group";
        }
        if (use.equals("matrix") && settings.get("matrix") == null) {
            YamlNodes.Entry e = router.get("use");
            p.error(e.value(), e.path(), "use is matrix but routing.router.settings.matrix is not set");
        }
        return inForce(use, settings.get("groups"), settings.get("matrix"), names, p);
    }

    /** Reads the engine in force; the other one, if written, is checked with warnings only. */
    private static Swapping inForce(String use, YamlNodes.Entry groups, YamlNodes.Entry matrix,
            ModelReferences names, Problems p) {
        boolean matrixInForce = use.equals("matrix");
        Problems forGroups = matrixInForce ? p.errorsAsWarnings("not in force: the matrix decides what runs") : p;
        Problems forMatrix = matrixInForce ? p : p.errorsAsWarnings("not in force: groups decide what runs; "
                + "set routing.router.use: matrix to use it");
        List<GroupRule> readGroups = groups == null ? List.of() : GroupSection.read(groups, names, forGroups);
        Optional<MatrixRules> readMatrix = matrix == null ? Optional.empty() : MatrixSection.read(matrix, names, forMatrix);
        if (matrixInForce && groups != null) {
            forGroups.warn(groups.keyNode(), groups.path(), "not in force: the matrix decides what runs");
        }
        if (!matrixInForce && matrix != null) {
            forMatrix.warn(matrix.keyNode(), matrix.path(), "not in force: groups decide what runs; set "
                    + "routing.router.use: matrix to use it");
        }
        return matrixInForce ? new Swapping(readMatrix, List.of()) : new Swapping(Optional.empty(), readGroups);
    }

    private static Map<String, Integer> priority(Map<String, YamlNodes.Entry> scheduler, ModelReferences names,
            Problems p) {
        scheduler.values().stream().filter(e -> !Set.of("use", "settings").contains(e.key()))
                .forEach(e -> IgnoredKeys.unknown(e, p));
        YamlNodes.Entry use = scheduler.get("use");
        if (use != null) {
            YamlNodes.text(use.value(), use.path(), p).filter(t -> !t.value().equals("fifo")).ifPresent(t ->
                    p.error(use.value(), use.path(), "expected fifo (the only scheduler), got \"" + t.value() + "\""));
        }
        Map<String, YamlNodes.Entry> settings = section(scheduler.get("settings"), "a mapping (fifo)", p);
        Map<String, YamlNodes.Entry> fifo = section(settings.get("fifo"), "a mapping (priority)", p);
        settings.values().stream().filter(e -> !e.key().equals("fifo")).forEach(e -> IgnoredKeys.unknown(e, p));
        fifo.values().stream().filter(e -> !e.key().equals("priority")).forEach(e -> IgnoredKeys.unknown(e, p));
        Map<String, Integer> result = new HashMap<>();
        for (YamlNodes.Entry e : section(fifo.get("priority"), "a mapping of model id to a whole number", p).values()) {
            Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number", p);
            Optional<String> id = names.resolve(e.key());
            if (id.isEmpty()) {
                p.warn(e.keyNode(), e.path(), "unknown model \"" + e.key() + "\" (ignored; llama-swap would refuse "
                        + "this file)");
            } else {
                value.ifPresent(v -> result.put(id.get(), (int) Math.max(Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, v.value()))));
            }
        }
        return result;
    }

    private static Optional<Duration> seconds(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        if (value.isPresent() && value.get().value() < 0) {
            p.error(e.value(), e.path(), "expected 0 (strictly first come, first served) or more seconds, got "
                    + value.get().value());
            return Optional.empty();
        }
        return value.map(v -> Duration.ofSeconds(v.value()));
    }

    private static Map<String, YamlNodes.Entry> section(YamlNodes.Entry entry, String expected, Problems p) {
        if (entry == null) {
            return Map.of();
        }
        return YamlNodes.mapping(entry.value(), entry.path(), expected, p).orElse(Map.of());
    }
}
