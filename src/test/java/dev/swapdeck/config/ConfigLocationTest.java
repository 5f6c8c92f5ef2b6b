package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationTest {

    @TempDir
    Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theCommandLineWinsEvenOverAnExistingDefaultFile() throws Exception {
        Path standard = ConfigLocation.defaultPath(env());
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, "models: {}");
        Path cli = dir.resolve("missing-but-asked-for.yaml");
        assertEquals(Optional.of(cli), ConfigLocation.resolve(Optional.of(cli), env("SWAPDECK_CONFIG", "/x.yaml")));
    }

    @Test
    void theEnvironmentVariableComesNext() {
        assertEquals(Optional.of(Path.of("/etc/swapdeck.yaml")),
                ConfigLocation.resolve(Optional.empty(), env("SWAPDECK_CONFIG", "/etc/swapdeck.yaml")));
    }

    @Test
    void theDefaultFileIsUsedOnlyWhenItExists() throws Exception {
        assertEquals(Optional.empty(), ConfigLocation.resolve(Optional.empty(), env("SWAPDECK_CONFIG", " ")));
        Path standard = ConfigLocation.defaultPath(env());
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, "models: {}");
        assertEquals(Optional.of(standard), ConfigLocation.resolve(Optional.empty(), env()));
    }

    @Test
    void theFileTheWindowLastOpenedComesBeforeTheDefaultFile() throws Exception {
        Path standard = ConfigLocation.defaultPath(env());
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, "models: {}\n");
        Path last = Files.writeString(dir.resolve("other.yaml"), "models: {}\n");
        assertEquals(Optional.of(last), ConfigLocation.resolve(Optional.empty(), Optional.of(last), env()));
        assertEquals(Optional.of(standard), ConfigLocation.resolve(Optional.empty(),
                Optional.of(dir.resolve("deleted-since.yaml")), env()), "a remembered file that is gone is skipped");
        Path cli = dir.resolve("asked.yaml");
        assertEquals(Optional.of(cli), ConfigLocation.resolve(Optional.of(cli), Optional.of(last), env()));
    }

    @Test
    void theDefaultPathFollowsXdgConfigHome() {
        assertEquals(dir.resolve("home/.config/swapdeck/config.yaml"), ConfigLocation.defaultPath(env()));
        assertEquals(Path.of("/xdg/swapdeck/config.yaml"),
                ConfigLocation.defaultPath(env("XDG_CONFIG_HOME", "/xdg")));
        assertEquals(dir.resolve("home/.config/swapdeck/config.yaml"),
                ConfigLocation.defaultPath(env("XDG_CONFIG_HOME", "relative/ignored")));
    }

    @Test
    void writeTemplateCreatesDirectoriesAndNeverOverwrites() throws Exception {
        Path target = ConfigLocation.defaultPath(env());
        ConfigLocation.writeTemplate(target, ConfigLocation.DEFAULT_CLIENT_URL);
        assertEquals(ConfigLocation.template(), Files.readString(target));
        assertThrows(FileAlreadyExistsException.class, () -> ConfigLocation.writeTemplate(target, "http://127.0.0.1:9191/v1"));
    }

    @Test
    void theTemplateNamesTheUrlSwapdeckListensOn() {
        String written = ConfigLocation.template("http://[::1]:9191/v1");
        assertTrue(written.contains("Point your chat app at http://[::1]:9191/v1."), written.lines().limit(6).toList()::toString);
        assertFalse(written.contains(ConfigLocation.DEFAULT_CLIENT_URL));
    }
}
