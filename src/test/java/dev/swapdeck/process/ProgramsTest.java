package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Words the JVM cannot pass to a program as written are refused before the spawn, not mangled. */
class ProgramsTest {

    @Test
    void underAnAsciiLocaleANonAsciiArgumentIsRefusedNamingTheFix() {
        String problem = Programs.unpassable(List.of("llama-server", "-m", "/models/modèle.gguf"), Map.of(),
                "ANSI_X3.4-1968").orElseThrow();
        assertTrue(problem.startsWith("\"/models/modèle.gguf\" cannot be passed to a program as written: Swapdeck "
                + "runs with the ANSI_X3.4-1968 character set of its locale; start it with a UTF-8 locale"), problem);
    }

    @Test
    void anEnvironmentValueIsCheckedToo() {
        assertEquals("\"NAME=ñandú\"", Programs.unpassable(List.of("server"), Map.of("NAME", "ñandú"), "US-ASCII")
                .orElseThrow().split(" cannot")[0]);
    }

    @Test
    void underUtf8EveryWordPasses() {
        assertTrue(Programs.unpassable(List.of("server", "héllo", "日本"), Map.of("NAME", "ñandú"), "UTF-8").isEmpty());
    }
}
