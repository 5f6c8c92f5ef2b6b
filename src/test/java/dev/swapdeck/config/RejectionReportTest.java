package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a rejected file's report says: every error, then the warnings found with them, since a warning
 * can be the cause; and the characters a person cannot see, named.
 */
class RejectionReportTest {
    @Test
    void aKeyIndentedWithNoBreakSpacesIsNamedInTheRejection() {
        ConfigException e = rejected("models:\n  a:\n\u00A0\u00A0\u00A0 cmd: llama-server --port ${PORT}\n");

        assertEquals(List.of(
                "config.yaml:1:1: models: every model was left out (no settings, or no address for its server);"
                        + " define at least one model with its cmd",
                "warning: config.yaml:2:3: models.a: no settings (all commented out?): the model is left out",
                "warning: config.yaml:3:1: \u00A0\u00A0\u00A0 cmd: unknown key; ignored: it holds U+00A0, which looks"
                        + " like a space or like nothing but is not one to YAML (pasted from a web page or a word"
                        + " processor?); type the line again"),
                e.report());
        assertEquals(String.join("\n", e.report()), e.getMessage());
    }

    @Test
    void aModelsSectionWithEveryModelCommentedOutIsCalledEmpty() {
        ConfigException e = rejected("startPort: 9100\nmodels:\n#  a:\n#    cmd: llama-server --port ${PORT}\n");

        assertEquals(List.of("config.yaml:2:1: models: models: is empty (are its models commented out?); define at"
                + " least one model with its cmd (or list peers: to forward to)"), e.report());
    }

    private static ConfigException rejected(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "config.yaml", Optional.empty()));
    }
}
