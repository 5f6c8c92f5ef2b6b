package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What keeps a command from running is said before the spawn, in words that name the cause. */
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
    void aScriptWhoseInterpreterIsMissingIsNamedSo(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/nonexistent/interp -x\necho hi\n");
        script.toFile().setExecutable(true);
        assertEquals(Optional.of(script + " names an interpreter that is not there: /nonexistent/interp (its #! line)"),
                Programs.problem(List.of(script.toString()), Map.of()));
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        assertEquals(Optional.empty(), Programs.problem(List.of(script.toString()), Map.of()));
    }

    /** The kernel reads "/bin/sh\r" as the interpreter's name, and the spawn says the script itself is not found. */
    @Test
    void aScriptWithWindowsLineEndingsIsNamedSo(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\r\nexec server \"$@\"\r\n");
        script.toFile().setExecutable(true);
        assertEquals(Optional.of(script + " has Windows line endings (CRLF): its #! line names the interpreter "
                + "\"/bin/sh\\r\", which is not there; convert the script with dos2unix"),
                Programs.problem(List.of(script.toString()), Map.of()));
        Files.writeString(script, "#!/bin/sh -e\r\nexec server\r\n");
        assertEquals(Optional.empty(), Programs.problem(List.of(script.toString()), Map.of()),
                "the interpreter's name ends at the blank: /bin/sh is there");
    }

    @Test
    void aProgramIsFoundOnSwapdecksPathFirstAndOnTheModelsOnlyWhenNowhereElse(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PATH", dir.toString());
        assertEquals(Optional.empty(), Programs.problem(List.of("sh", "-c", "true"), env));
        List<String> spawned = Programs.resolved(List.of("sh", "-c", "true"), env);
        assertTrue(spawned.get(0).startsWith("/") && spawned.get(0).endsWith("/sh"), spawned.toString());
        assertEquals(List.of("-c", "true"), spawned.subList(1, 3));

        Path ownOnly = dir.resolve("only-in-the-models-path");
        Files.writeString(ownOnly, "#!/bin/sh\n");
        ownOnly.toFile().setExecutable(true);
        assertEquals(Optional.empty(), Programs.problem(List.of(ownOnly.getFileName().toString()), env));
        assertEquals(List.of("only-in-the-models-path"), Programs.resolved(List.of("only-in-the-models-path"), env));
        assertEquals(List.of("sh"), Programs.resolved(List.of("sh"), Map.of()), "no PATH of its own: as written");
        assertEquals(Optional.of("command not found: no-such-program-anywhere"),
                Programs.problem(List.of("no-such-program-anywhere"), env));
    }

    @Test
    void underUtf8EveryWordPasses() {
        assertTrue(Programs.unpassable(List.of("server", "héllo", "日本"), Map.of("NAME", "ñandú"), "UTF-8").isEmpty());
    }
}
