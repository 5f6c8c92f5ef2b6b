package dev.swapdeck.proxy;

import dev.swapdeck.routing.Route;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a request on a model-routed POST route names its model, read as llama-swap reads it: a body
 * declared JSON by its type names it in its {@code model} field; a multipart or URL-encoded form in
 * its {@code model} field, or else in the URL's {@code ?model=}; any other body in its JSON
 * {@code model} field, or else in the URL's. A body declared a URL-encoded form that begins with
 * {@code {} is read as JSON: curl's {@code -d} declares its JSON so, and llama-server and llama-swap
 * before 2026 read it as JSON. The forwarded request is renamed where the name was found.
 */
final class RequestModel {
    private static final String MODEL = "model";
    private static final String URL_ENCODED = "application/x-www-form-urlencoded";

    private enum Place { JSON, MULTIPART, FORM, QUERY }

    private final Place place;
    private final Optional<String> name;
    private final boolean stream;
    private final Optional<MultipartForm.Field> field;

    private RequestModel(Place place, Optional<String> name, boolean stream, Optional<MultipartForm.Field> field) {
        this.place = place;
        this.name = name.filter(n -> !n.isEmpty());
        this.stream = stream;
        this.field = field;
    }

    /**
     * How {@code exchange}'s request with {@code body} names its model.
     *
     * @throws BadBodyException when the body must be read for the name and cannot be
     */
    static RequestModel of(HttpServerExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        Optional<String> inQuery = inQuery(exchange);
        Optional<String> boundary = MultipartForm.boundary(contentType);
        if (boundary.isPresent()) {
            Optional<MultipartForm.Field> field = MultipartForm.field(body, boundary.get(), MODEL);
            RequestModel inForm = new RequestModel(Place.MULTIPART, field.map(MultipartForm.Field::value), false,
                    field);
            return inForm.orQuery(inQuery);
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(URL_ENCODED) && !opensAnObject(body)) {
            String form = new String(body, StandardCharsets.ISO_8859_1);
            RequestModel inForm = new RequestModel(Place.FORM, formValue(form, MODEL),
                    formValue(form, "stream").filter("true"::equals).isPresent(), Optional.empty());
            return inForm.orQuery(inQuery);
        }
        boolean declaredJson = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/json");
        try {
            JsonBody.Head head = JsonBody.head(body);
            RequestModel inJson = new RequestModel(Place.JSON, head.model(), head.stream(), Optional.empty());
            return declaredJson ? inJson : inJson.orQuery(inQuery);
        } catch (BadBodyException notJson) {
            if (declaredJson || inQuery.isEmpty()) {
                throw notJson;
            }
            return new RequestModel(Place.QUERY, inQuery, false, Optional.empty());
        }
    }

    /** Whether {@code body}'s first byte that is not a blank opens a JSON object (no form's key does). */
    private static boolean opensAnObject(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private RequestModel orQuery(Optional<String> inQuery) {
        return name.isPresent() || inQuery.isEmpty() ? this
                : new RequestModel(Place.QUERY, inQuery, stream, Optional.empty());
    }

    /** The model's name, empty when the request names none. */
    String name() {
        return name.orElse("");
    }

    /** Whether the request asks for a streamed answer ({@code "stream": true}, or {@code stream=true} in a form). */
    boolean stream() {
        return stream;
    }

    /**
     * The body to forward for {@code route}: llama-swap's request filters on a JSON body ({@link BodyEdits}),
     * only the model renamed in a form; a name from the URL is renamed there, in {@code exchange}, and
     * {@code query} is the query the request came with.
     */
    byte[] forwarded(byte[] body, Route route, HttpServerExchange exchange, String query) {
        Optional<String> target = route.upstreamName().filter(t -> !t.equals(name()));
        switch (place) {
            case MULTIPART:
                return target.isPresent() ? MultipartForm.replace(body, field.orElseThrow(), target.get()) : body;
            case FORM:
                return target.map(t -> QueryModelHandler.renamed(new String(body, StandardCharsets.ISO_8859_1), t)
                        .getBytes(StandardCharsets.ISO_8859_1)).orElse(body);
            case QUERY:
                exchange.setQueryString(target.map(t -> QueryModelHandler.renamed(query, t)).orElse(query));
                return body;
            default:
                return JsonBody.rewrite(body, name(),
                        BodyEdits.of(route.model(), route.forwardAs(), route.upstreamName()));
        }
    }

    /** The {@code model} query parameter, decoded, if the URL has one that is not empty. */
    private static Optional<String> inQuery(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get(MODEL);
        return values == null || values.isEmpty() ? Optional.empty()
                : Optional.of(QueryModelHandler.formValue(values.getFirst()).trim()).filter(v -> !v.isEmpty());
    }

    /** The first value of {@code key} in a URL-encoded form, decoded. */
    private static Optional<String> formValue(String form, String key) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (QueryModelHandler.formValue(equals < 0 ? pair : pair.substring(0, equals)).equals(key)) {
                return Optional.of(equals < 0 ? "" : QueryModelHandler.formValue(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }
}
