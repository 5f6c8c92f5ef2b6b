package dev.swapdeck.config;

import java.util.List;

/**
 * llama-swap's per-model {@code capabilities}, shown in {@code /v1/models}.
 *
 * @param in       input modalities: text, audio, image
 * @param out      output modalities: text, audio, image
 * @param tools    whether the model calls functions
 * @param reranker whether the model reranks
 * @param context  context length in tokens; 0 unknown
 */
public record Capabilities(List<String> in, List<String> out, boolean tools, boolean reranker, long context) {

    public static final Capabilities NONE = new Capabilities(List.of(), List.of(), false, false, 0);

    public Capabilities {
        in = List.copyOf(in);
        out = List.copyOf(out);
    }

    public boolean isEmpty() {
        return in.isEmpty() && out.isEmpty() && !tools && !reranker && context == 0;
    }
}
