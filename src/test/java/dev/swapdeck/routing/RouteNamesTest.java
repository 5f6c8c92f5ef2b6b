package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names in llama-swap's order: pins, selectors, ids and aliases (colons included), profile:model. */
class RouteNamesTest {
    private static final SwapdeckConfig CONFIG = RoutingConfigs.parse("big small gpt-oss:high coder", String.join("\n",
            "  plain:",
            "    cmd: \"true ${PORT}\"",
            "    aliases: [gpt-4o, \"team:chat\"]",
            "profiles:",
            "  team: [coder, small]",
            "  coding:",
            "    description: for code",
            "    pins:",
            "      llm-code: big",
            "      gpt-4o: small",
            "      image-gen: ~",
            "      helper: coding-model",
            "  light:",
            "    pins: {llm-code: small}",
            "selectors:",
            "  coding-model:",
            "    strategy: warm",
            "    targets: [peer/remote-only, big, small]",
            "  planner:",
            "    strategy: pin",
            "    targets: [small, big]",
            ""));
    private static final RouteNames NAMES = new RouteNames(CONFIG);
    private static final Function<String, ProcessState> ALL_STOPPED = id -> ProcessState.STOPPED;

    private static Optional<PinProfile> pins(String name) {
        return Optional.ofNullable(CONFIG.routing().pinProfiles().get(name));
    }

    @ParameterizedTest(name = "{0} with profile ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "big          | ''     | big   | big",
        "gpt-4o       | ''     | plain | gpt-4o",
        "gpt-oss:high | ''     | gpt-oss:high | gpt-oss:high",
        "team:chat    | ''     | plain | team:chat",
        "team:coder   | ''     | coder | coder",
        "planner      | ''     | small | small",
        "llm-code     | coding | big   | big",
        "llm-code     | light  | small | small",
        "gpt-4o       | coding | small | small",
        "big          | coding | big   | big",
        "helper       | coding | big   | big",
    })
    void resolvesInLlamaSwapsOrder(String requested, String profile, String model, String forwardAs) {
        Route route = NAMES.resolve(requested, pins(profile), ALL_STOPPED);
        assertEquals(model, route.modelId());
        assertEquals(forwardAs, route.forwardAs());
    }

    @Test
    void aPinWithNoTargetDisablesTheName() {
        RoutingException e = assertThrows(RoutingException.class,
                () -> NAMES.resolve("image-gen", pins("coding"), ALL_STOPPED));
        assertEquals(Kind.UNKNOWN_MODEL, e.kind());
        assertTrue(e.getMessage().contains("coding"), e.getMessage());
    }

    @Test
    void pinsOnlyApplyWhileTheirProfileIsActive() {
        assertThrows(RoutingException.class, () -> NAMES.resolve("llm-code", Optional.empty(), ALL_STOPPED));
    }

    @Test
    void aWarmSelectorPrefersAReadyTargetThenAStartingOneThenTheFirst() {
        Map<String, ProcessState> states = Map.of("big", ProcessState.STARTING, "small", ProcessState.READY);
        assertEquals("small", NAMES.resolve("coding-model", Optional.empty(), states::get).modelId());
        assertEquals("big", NAMES.resolve("coding-model", Optional.empty(),
                id -> id.equals("big") ? ProcessState.STARTING : ProcessState.STOPPED).modelId());
        assertEquals("big", NAMES.resolve("coding-model", Optional.empty(), ALL_STOPPED).modelId(),
                "the first target Swapdeck knows, skipping the peer's model");
    }

    @Test
    void aPinSelectorAlwaysTakesItsFirstTarget() {
        assertEquals("small", NAMES.resolve("planner", Optional.empty(),
                id -> id.equals("big") ? ProcessState.READY : ProcessState.STOPPED).modelId());
    }

    @Test
    void theCurrentProfilesAreReadAsPinsAndTheListOneAsASet() {
        assertEquals(Map.of("team", java.util.List.of("coder", "small")), CONFIG.profiles());
        assertEquals("for code", CONFIG.routing().pinProfiles().get("coding").description());
        assertEquals(Optional.empty(), CONFIG.routing().pinProfiles().get("coding").pins().get("image-gen"));
    }

    @Test
    void pinsAndSelectorsMayLeadToAPeersModel() {
        SwapdeckConfig config = RoutingConfigs.parse("local", String.join("\n",
                "peers:",
                "  remote:",
                "    proxy: http://192.0.2.1:8080",
                "    models: [glm]",
                "profiles:",
                "  cloud:",
                "    pins: {planner: remote/glm}",
                "selectors:",
                "  best:",
                "    strategy: warm",
                "    targets: [glm, local]",
                ""));
        RouteNames names = new RouteNames(config);
        Route pinned = names.resolve("planner", Optional.of(config.routing().pinProfiles().get("cloud")), ALL_STOPPED);
        assertEquals("remote/glm", pinned.modelId());
        assertEquals(Optional.of("remote"), pinned.model().extras().peer());
        assertEquals("remote/glm", names.resolve("best", Optional.empty(), ALL_STOPPED).modelId(),
                "nothing local is warm: the first target, a peer's model");
        assertEquals("local", names.resolve("best", Optional.empty(), id -> ProcessState.READY).modelId());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    /** Load and unload name models; a selector, listed beside them, is refused with what it leads to. */
    @Test
    void aCommandNamingASelectorIsToldWhichModelsItLeadsTo() {
        RoutingException e = assertThrows(RoutingException.class, () -> NAMES.named("planner"));
        assertTrue(e.getMessage().startsWith("'planner' is a selector, not a model: it sends each request to one of "
                + "small, big; load or unload one of those by its own name"), e.getMessage());
    }

    /** A client picks the name: a huge one must not carry megabytes into the error body and the log. */
    @Test
    void anUnknownNameIsQuotedCutShort() {
        String huge = "z".repeat(1_000_000);
        RoutingException unknown = assertThrows(RoutingException.class,
                () -> NAMES.resolve(huge, Optional.empty(), ALL_STOPPED));
        assertEquals(Kind.UNKNOWN_MODEL, unknown.kind());
        assertTrue(unknown.getMessage().startsWith("no model, alias or profile named '" + "z".repeat(200) + "…'"),
                unknown.getMessage().substring(0, 300));
        assertTrue(unknown.getMessage().length() < 1_000, "length " + unknown.getMessage().length());
    }
}
