package dev.swapdeck.proxy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON request bodies of the OpenAI-style routes: where the model is named and how the body is
 * rewritten for the upstream. Reading the model streams over the top-level fields without building a
 * tree, so the common case (nothing to rewrite) costs one short scan.
 */
final class JsonBody {
    /**
     * Reads a body to rewrite with its numbers as written (no double rounding {@code 3.14159265358979323846}
     * nor turning {@code 1e400} into the string "Infinity", trailing zeros kept) and writes characters
     * beyond the BMP as UTF-8, not as escaped surrogates: a rewrite changes what it edits and, apart
     * from spacing, nothing else, as llama-swap's in-place edits do.
     */
    private static final ObjectMapper AS_WRITTEN = JsonMapper.builder(Json.BODIES.copy())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    /** A position as Jackson writes it inside a message; group 1 the line, group 2 the column. */
    /** Where Jackson says a limit comes from: ", from `StreamReadConstraints.getMaxNestingDepth()`". */
    private static final Pattern JACKSON_SETTING = Pattern.compile(", from `[^`]*`");
    private static final Pattern JACKSON_POSITION = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private JsonBody() {
    }

    /**
     * What routing reads of a request body, in one pass: the top-level string {@code model} (empty when
     * there is none) and whether a top-level {@code "stream": true} asks for an event stream.
     */
    record Head(Optional<String> model, boolean stream) {
    }

    /** The top-level string {@code model} field, empty when there is none; see {@link #head}. */
    static Optional<String> model(byte[] body) {
        return head(body).model();
    }

    /**
     * The body's {@link Head}. The whole body is read: one that is cut short or has trailing text is
     * refused here, before it can start a model (a server would refuse it only after the swap). Of
     * two {@code model} fields the last counts, as in llama-server and in Jackson's tree, which the
     * rewrite uses; the same for {@code stream}.
     *
     * @throws BadBodyException when the body is not a JSON object
     */
    static Head head(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadBodyException(body.length == 0 ? "the request body is empty; send a JSON object "
                        + "such as {\"model\": \"NAME\", ...}" : "the request body is not a JSON object");
            }
            Optional<String> model = Optional.empty();
            JsonToken modelToken = null;
            boolean stream = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("model".equals(field)) {
                    model = value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                    modelToken = value;
                } else if ("stream".equals(field)) {
                    stream = value == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new BadBodyException("the request body is not valid JSON: text after its closing } at "
                        + where(parser.currentLocation()));
            }
            if (model.isEmpty() && modelToken != null && modelToken != JsonToken.VALUE_NULL) {
                throw new BadBodyException("the \"model\" field must be a string, such as \"model\": \"NAME\"; it is "
                        + kindOf(modelToken));
            }
            return new Head(model, stream);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new BadBodyException("the request body is not valid JSON: " + e.getMessage());
        }
    }

    private static String kindOf(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a number";
        };
    }

    /**
     * The parser's complaint in the client's terms: Jackson writes a position inside its message as
     * "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 30]".
     */
    private static BadBodyException notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // valid or not, the body is past a bound of the reader (or, rewritten, the writer)
            return new BadBodyException("the request body goes past a limit of Swapdeck's JSON handling: "
                    + JACKSON_SETTING.matcher(e.getOriginalMessage()).replaceAll(""));
        }
        String complaint = JACKSON_POSITION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        return new BadBodyException("the request body is not valid JSON: " + complaint + " at " + where(e.getLocation()));
    }

    private static String where(JsonLocation at) {
        return at == null ? "an unknown place" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The body with {@code model} set to {@code newModel} (when not null) and the {@code strip} keys removed. */
    static byte[] rewrite(byte[] body, String newModel, Set<String> strip, String currentModel) {
        return rewrite(body, currentModel, new BodyEdits(newModel, strip, Map.of()));
    }

    /**
     * The body rewritten as llama-swap does, in its order: {@code model} set to {@code edits.newModel}
     * (when not null), the {@code strip} keys removed, then {@code setParams}, then the
     * {@code setParamsByID} entry of the name the client requested. A dotted key is a path into
     * nested objects. {@code model} itself is never removed or set by a filter. Returns {@code body}
     * itself when nothing changes, so the bytes the client sent reach the upstream untouched.
     */
    static byte[] rewrite(byte[] body, String currentModel, BodyEdits edits) {
        boolean renames = edits.newModel() != null && !edits.newModel().equals(currentModel);
        if (!renames && edits.strip().isEmpty() && edits.set().isEmpty()) {
            return body;
        }
        try {
            JsonNode tree = AS_WRITTEN.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                return body;
            }
            boolean changed = renames || !edits.set().isEmpty();
            if (renames) {
                object.put("model", edits.newModel());
            }
            for (String key : edits.strip()) {
                changed |= !"model".equals(key) && JsonPaths.remove(object, key);
            }
            edits.set().forEach((key, value) -> JsonPaths.set(object, key, AS_WRITTEN.valueToTree(value)));
            return changed ? AS_WRITTEN.writeValueAsBytes(object) : body;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new BadBodyException("the request body is not valid JSON: " + e.getMessage());
        }
    }
}
