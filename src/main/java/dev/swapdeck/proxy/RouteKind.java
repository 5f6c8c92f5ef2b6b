package dev.swapdeck.proxy;

/**
 * The one place that decides how each route is guarded (SPEC §8), by path alone so that routes added
 * later are classified by the rule that fits them:
 * <ul>
 *   <li>{@link #HEALTH}: {@code /health} and {@code /wol-health}, open to everyone, even without an API key;</li>
 *   <li>{@link #INFERENCE}: what OpenAI-style clients and browser chat apps call: everything under
 *       {@code /v1/}, the model routes without that prefix ({@code /completion}, {@code /infill},
 *       {@code /rerank}, {@code /chat/completions}, {@code /tokenize}, {@code /v/...}, {@code /sdapi/...},
 *       {@code /audioapi/...}, {@code GET /props}),
 *       {@code /upstream/...},
 *       and the llama.cpp router's model list {@code GET /models};</li>
 *   <li>{@link #CONTROL}: everything else, so an unknown or future path is guarded as strictly as
 *       possible: {@code /api/*} (models, events, profiles, config reload, activity, shutdown),
 *       {@code /unload}, {@code /running}, {@code /logs*}, {@code /metrics}, and the llama.cpp
 *       router's {@code /models/load}, {@code /models/unload}, {@code /models/sse}.</li>
 * </ul>
 */
enum RouteKind {
    HEALTH,
    INFERENCE,
    CONTROL;

    static RouteKind of(String path) {
        if (path.equals("/health") || path.equals("/wol-health")) {
            return HEALTH;
        }
        if (path.startsWith("/v1/") || path.startsWith(UpstreamPathHandler.PREFIX) || path.equals("/models")
                || ProxyRoutes.MODEL_ROUTES.contains(path) || QueryModelHandler.ROUTES.contains(path)) {
            return INFERENCE;
        }
        return CONTROL;
    }
}
