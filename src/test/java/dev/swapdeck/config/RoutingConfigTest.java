package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings that decide what runs, in every era's spelling, with llama-swap's defaults. */
class RoutingConfigTest {
    private static final String MODELS = "models:\n  a:\n    cmd: a ${PORT}\n  b:\n    cmd: b ${PORT}\n  c:\n"
            + "    cmd: c ${PORT}\n";

    private static List<String> warnings(SwapdeckConfig config) {
        return config.warnings().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void topLevelGroupsTakeLlamaSwapsDefaults() {
        SwapdeckConfig config = Configs.parse(MODELS + "groups:\n  g1:\n    members: [a, b]\n");
        assertEquals(List.of(new GroupRule("g1", true, true, false, List.of("a", "b"))), config.routing().groups());
        assertEquals("group", config.routing().router());
    }

    @Test
    void routingRouterGroupsReadTheSameWay() {
        SwapdeckConfig config = Configs.parse(MODELS + "routing:\n  router:\n    settings:\n      groups:\n"
                + "        g1: {swap: false, exclusive: false, persistent: true, members: [c]}\n");
        assertEquals(List.of(new GroupRule("g1", false, false, true, List.of("c"))), config.routing().groups());
    }

    @Test
    void aGroupMemberNamingNoModelIsAWarning() {
        SwapdeckConfig config = Configs.parse(MODELS + "groups:\n  g1:\n    members: [a, ghost]\n");
        assertEquals(List.of("a"), config.routing().groups().get(0).members());
        assertEquals("config.yaml:10:18: groups.g1.members: unknown model \"ghost\" (skipped; llama-swap since May 2026"
                + " does not start with it)", warnings(config).get(0));
    }

    /** llama-swap replaces a group of that name with its own group of the ungrouped models. */
    @Test
    void aGroupNamedLikeTheDefaultGroupIsIgnoredWithAWarning() {
        SwapdeckConfig config = Configs.parse(MODELS + "groups:\n  (default):\n    swap: true\n    exclusive: false\n"
                + "    members: [a]\n");
        assertEquals(List.of(), config.routing().groups());
        assertEquals(List.of("config.yaml:9:3: groups.(default): \"(default)\" is the name of the group of ungrouped"
                + " models, which takes no settings; ignored, as llama-swap ignores it (to set swap or exclusive, name"
                + " the group otherwise)"), warnings(config));
    }

    @Test
    void aModelInTwoGroupsIsAnError() {
        ConfigProblem error = Configs.error(MODELS + "groups:\n  g1: {members: [a]}\n  g2: {members: [b, a]}\n");
        assertEquals("config.yaml:10:21: groups.g2.members: model \"a\" is already a member of group \"g1\"; "
                + "a model belongs to one group only", error.toString());
    }

    @Test
    void legacyKeysAndTheRoutingBlockCannotBeMixed() {
        ConfigProblem error = Configs.error(MODELS + "groups:\n  g1: {members: [a]}\nrouting:\n  router: {use: group}\n");
        assertEquals(8, error.line());
        assertTrue(error.message().contains("routing.router"), error.message());
    }

    @Test
    void aMatrixSyntaxErrorPointsAtItsCharacter() {
        ConfigProblem error = Configs.error(MODELS + "matrix:\n  sets:\n    s1: \"a & (b | \"\n");
        assertEquals("config.yaml:10:19: matrix.sets.s1: not a valid set expression: expression ends where a model "
                + "name, +set or ( was expected", error.toString());
    }

    @Test
    void undefinedAndCircularReferencesAreErrors() {
        List<ConfigProblem> errors = Configs.errors(MODELS + "matrix:\n  sets:\n    s1: +s2 & a\n    s2: +s1 | b\n"
                + "    s3: +nope\n");
        assertEquals(List.of("matrix.sets.s1", "matrix.sets.s2", "matrix.sets.s3"),
                errors.stream().map(ConfigProblem::key).toList());
        assertTrue(errors.get(2).message().contains("+nope names no set"), errors.get(2).message());
    }

    @Test
    void matrixVarsAndCostsResolveToModels() {
        SwapdeckConfig config = Configs.parse(MODELS + "routing:\n  router:\n    use: matrix\n    settings:\n"
                + "      matrix:\n        vars: {x: a}\n        evict_costs: {x: 7, b: 2}\n"
                + "        sets:\n          one: x & (b | c)\n          two: ghost\n");
        MatrixRules matrix = config.routing().matrix().orElseThrow();
        assertEquals(Map.of("a", 7, "b", 2), matrix.evictCosts());
        assertEquals(List.of("one", "two"), matrix.sets().stream().map(MatrixRules.MatrixSet::name).toList());
        assertEquals(new MatrixExpression.All(List.of(new MatrixExpression.Model("a"), new MatrixExpression.Any(
                List.of(new MatrixExpression.Model("b"), new MatrixExpression.Model("c"))))), matrix.sets().get(0).root());
        assertTrue(warnings(config).get(0).contains("unknown var or model \"ghost\""), warnings(config).toString());
    }

    /** As llama-swap's "evict_cost for %q must be a positive integer"; an unknown key is told, not fatal. */
    @Test
    void aCostBelowOneIsAnErrorAndAnUnknownMatrixKeyAWarning() {
        List<ConfigProblem> errors = Configs.errors(MODELS + "matrix:\n  evict_costs: {a: 0, b: -3}\n  sets: {s: a & b}\n");
        assertEquals(List.of("an eviction cost must be a positive whole number, got 0",
                "an eviction cost must be a positive whole number, got -3"),
                errors.stream().map(ConfigProblem::message).toList());

        SwapdeckConfig config = Configs.parse(MODELS + "matrix:\n  setz: {s: a}\n  sets: {s: a & b}\n");
        assertTrue(warnings(config).stream().anyMatch(w -> w.contains("matrix.setz")), warnings(config).toString());
    }

    @Test
    void aMatrixThatIsNotInForceIsCheckedWithWarningsOnly() {
        SwapdeckConfig config = Configs.parse(MODELS + "routing:\n  router:\n    use: group\n    settings:\n"
                + "      matrix:\n        sets: {bad: \"a &\"}\n");
        assertEquals(Optional.empty(), config.routing().matrix());
        assertTrue(warnings(config).stream().anyMatch(w -> w.contains("not a valid set expression")
                && w.contains("not in force")), warnings(config).toString());
    }

    @Test
    void profilesComeInBothShapes() {
        SwapdeckConfig config = Configs.parse(MODELS + "profiles:\n  duo: [a, b]\n  pinned:\n"
                + "    description: d\n    pins: {chat: c, off: ~, lost: nowhere}\n");
        assertEquals(Map.of("duo", List.of("a", "b")), config.profiles());
        PinProfile pinned = config.routing().pinProfiles().get("pinned");
        assertEquals(Optional.of("c"), pinned.pins().get("chat"));
        assertEquals(Optional.empty(), pinned.pins().get("off"));
        assertTrue(warnings(config).get(0).contains("unknown model or selector \"nowhere\""), warnings(config).toString());
    }

    @Test
    void selectorsNeedAKnownStrategyAndTheirOwnName() {
        List<ConfigProblem> errors = Configs.errors(MODELS + "selectors:\n  a: {strategy: warm, targets: [b]}\n"
                + "  s: {strategy: fastest, targets: [b]}\n  t: {strategy: pin, targets: [s]}\n");
        assertEquals(List.of(9, 10, 11), errors.stream().map(ConfigProblem::line).toList());
    }

    /**
     * llama-swap refuses a selector named peer/model, which would hide that model; one named like a
     * peer's bare model name it loads, and the name then leads to the selector.
     */
    @Test
    void aSelectorNamedLikeAPeersModelIsAnErrorWhenQualifiedAndAWarningWhenBare() {
        String peers = "peers:\n  remote:\n    proxy: http://127.0.0.1:9\n    models: [glm, qwen]\n";
        List<ConfigProblem> errors = Configs.errors(MODELS + peers
                + "selectors:\n  remote/glm: {strategy: warm, targets: [a]}\n");
        assertEquals(List.of("config.yaml:13:3: selectors.remote/glm: \"remote/glm\" is the name of peer remote's model; "
                + "a selector needs a name of its own"), errors.stream().map(ConfigProblem::toString).toList());
        SwapdeckConfig config = Configs.parse(MODELS + peers + "selectors:\n  qwen: {strategy: warm, targets: [a]}\n");
        assertEquals(List.of("a"), config.routing().selectors().get("qwen").targets());
        assertEquals(List.of("config.yaml:13:3: selectors.qwen: peer remote serves a model named \"qwen\" too; that "
                + "name leads to this selector, and the peer's model answers only to \"remote/qwen\""),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void prioritiesAndMaxQueueWait() {
        SwapdeckConfig config = Configs.parse(MODELS + "maxQueueWait: 5\nrouting:\n  scheduler:\n    use: fifo\n"
                + "    settings:\n      fifo:\n        priority: {a: 10, ghost: 3}\n");
        assertEquals(10, config.routing().priority("a"));
        assertEquals(0, config.routing().priority("b"));
        assertEquals(Duration.ofSeconds(5), config.routing().maxQueueWait());
        assertTrue(warnings(config).get(0).contains("unknown model \"ghost\""), warnings(config).toString());
        assertEquals(Duration.ofSeconds(30), Configs.parse(MODELS).routing().maxQueueWait());
    }

    @Test
    void aFileShapedLikeLlamaSwapsCurrentExampleLoads() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("llama-swap-2026-shape.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SwapdeckConfig config = Configs.parse(yaml);
        RoutingRules rules = config.routing();
        assertEquals(List.of("solo", "crew", "always"), rules.groups().stream().map(GroupRule::name).toList());
        assertEquals(List.of("phi-mini"), rules.groups().get(0).members());
        assertEquals(List.of("container-llm"), rules.groups().get(1).members());
        assertEquals(List.of("writing", "review"), List.copyOf(rules.pinProfiles().keySet()));
        assertEquals(Selector.Strategy.WARM, rules.selectors().get("pool").strategy());
        assertEquals(5, rules.priority("phi-mini"));
        assertEquals(Map.of(), config.profiles());
        List<String> keys = config.warnings().stream().map(ConfigProblem::key).toList();
        for (String expected : List.of("selectors.pool.strategy", "selectors.pool.targets",
                "routing.router.settings.groups.solo.members", "routing.router.settings.matrix",
                "routing.scheduler.settings.fifo.priority.X")) {
            assertTrue(keys.contains(expected), expected + " not among " + keys);
        }
        assertTrue(!keys.contains("selectors.reviewer.targets"), "remote/glm is a peer's model: " + keys);
    }
}
