package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.Capabilities;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/models} (and llama-swap's alias {@code GET /models}) as llama-swap lists it: every
 * listed model; with {@code includeAliasesInList} each alias as an entry of its own; each peer's
 * models as {@code peer/model}. {@code metadata} (types kept) and what Swapdeck knows about the entry
 * go under {@code meta.llamaswap}; {@code capabilities} become {@code architecture},
 * {@code capabilities}, {@code supported_parameters} and {@code context_length}, which win over
 * metadata keys of the same names. Sorted by id. Selectors and the active pin profile's pins come
 * from {@link RoutingListing}.
 */
final class ModelListing {
    private static final Set<String> RENDERED = Set.of("architecture", "capabilities", "supported_parameters",
            "context_length");

    private ModelListing() {
    }

    static ObjectNode of(SwapdeckConfig config, long created, Optional<String> activePins) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        List<ObjectNode> entries = entries(config, created);
        entries.addAll(RoutingListing.entries(config, created, activePins, names(config)));
        entries.sort(Comparator.comparing(e -> e.get("id").asText()));
        entries.forEach(data::add);
        return root;
    }

    /** Every model id and alias (unlisted ones too) and every peer's model, qualified and, where unambiguous, bare. */
    private static Set<String> names(SwapdeckConfig config) {
        Set<String> names = new HashSet<>(config.models().keySet());
        config.models().values().forEach(model -> names.addAll(model.aliases()));
        for (ModelConfig remote : PeerModels.of(config)) {
            names.add(remote.id());
            remote.useModelName().filter(bare -> PeerModels.servingBare(config, bare).size() == 1).ifPresent(names::add);
        }
        return names;
    }

    private static List<ObjectNode> entries(SwapdeckConfig config, long created) {
        List<ObjectNode> entries = new ArrayList<>();
        for (ModelConfig model : config.models().values()) {
            if (model.unlisted()) {
                continue;
            }
            Map<String, Object> internal = new LinkedHashMap<>();
            internal.put("type", "model");
            if (!model.aliases().isEmpty()) {
                internal.put("aliases", model.aliases());
            }
            entries.add(entry(model.id(), model, created, internal));
            if (config.extras().includeAliasesInList()) {
                for (String alias : model.aliases()) {
                    entries.add(entry(alias, model, created, Map.of("type", "alias", "modelID", model.id())));
                }
            }
        }
        for (ModelConfig remote : PeerModels.of(config)) {
            String peer = remote.extras().peer().orElseThrow();
            entries.add(entry(remote.id(), remote, created, Map.of("type", "peer", "peerID", peer)));
        }
        return entries;
    }

    private static ObjectNode entry(String id, ModelConfig model, long created, Map<String, Object> internal) {
        ObjectNode entry = Json.MAPPER.createObjectNode()
                .put("id", id)
                .put("object", "model")
                .put("created", created)
                .put("owned_by", "swapdeck");
        model.name().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(name -> entry.put("name", name));
        model.description().map(String::strip).filter(d -> !d.isEmpty()).ifPresent(d -> entry.put("description", d));
        Capabilities caps = model.extras().capabilities();
        Map<String, Object> llamaswap = new LinkedHashMap<>(model.extras().metadata());
        if (!caps.isEmpty()) {
            capabilities(entry, caps);
            llamaswap.keySet().removeAll(RENDERED);
        }
        llamaswap.putAll(internal);
        ObjectNode meta = entry.putObject("meta");
        meta.set("llamaswap", Json.MAPPER.valueToTree(llamaswap));
        if (caps.context() > 0) {
            meta.put("n_ctx", caps.context());
        }
        return entry;
    }

    /** llama-swap's rendering of {@code capabilities} into OpenRouter-style fields. */
    private static void capabilities(ObjectNode entry, Capabilities caps) {
        boolean hasIn = !caps.in().isEmpty();
        boolean hasOut = !caps.out().isEmpty();
        if (hasIn || hasOut) {
            ObjectNode arch = entry.putObject("architecture");
            if (hasIn) {
                arch.set("input_modalities", Json.MAPPER.valueToTree(caps.in()));
            }
            if (hasOut) {
                arch.set("output_modalities", Json.MAPPER.valueToTree(caps.out()));
            }
            if (hasIn && hasOut) {
                arch.put("modality", String.join("+", caps.in()) + "->" + String.join("+", caps.out()));
            }
        }
        ObjectNode flags = Json.MAPPER.createObjectNode();
        flag(flags, "vision", caps.in().contains("image"));
        flag(flags, "audio_transcriptions", caps.in().contains("audio") && caps.out().contains("text"));
        flag(flags, "audio_speech", caps.in().contains("text") && caps.out().contains("audio"));
        flag(flags, "image_generation", caps.in().contains("text") && caps.out().contains("image"));
        flag(flags, "image_to_image", caps.in().contains("image") && caps.out().contains("image"));
        flag(flags, "function_calling", caps.tools());
        flag(flags, "reranker", caps.reranker());
        if (!flags.isEmpty()) {
            entry.set("capabilities", flags); // llama-swap omits an empty one (text in, text out)
        }
        if (caps.tools()) {
            entry.putArray("supported_parameters").add("tools").add("tool_choice");
        }
        if (caps.context() > 0) {
            entry.put("context_length", caps.context());
        }
    }

    private static void flag(ObjectNode flags, String name, boolean set) {
        if (set) {
            flags.put(name, true);
        }
    }
}
