package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config-dir}: llama-swap's rules for merging several files into one configuration. */
class ConfigDirMergeTest {

    @Test
    void theFileComesFirstThenTheFolderByNameListsJoinAndEqualValuesAgree(@TempDir Path dir) throws Exception {
        Path main = Files.writeString(dir.resolve("main.yaml"), String.join("\n",
                "startPort: 7000",
                "macros: {bin: /opt/llama-server}",
                "hooks: {on_startup: {preload: [a]}}",
                "models:",
                "  a: {cmd: '${bin} --port ${PORT}'}",
                ""));
        Path conf = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(conf.resolve("b.yaml"), "startPort: 7000\nhooks: {on_startup: {preload: [b]}}\n"
                + "models:\n  b: {cmd: '${bin} -m b --port ${PORT}'}\n");
        Files.writeString(conf.resolve("a-empty.yml"), "# nothing here yet\n");
        SwapdeckConfig config = ConfigSources.load(Optional.of(main), Optional.of(conf));
        assertEquals(List.of("a", "b"), List.copyOf(config.models().keySet()));
        assertEquals(List.of("/opt/llama-server", "-m", "b", "--port", "7001"), config.models().get("b").cmd(),
                "macros of one file reach the models of another");
        assertEquals(List.of("a", "b"), config.preload());
        assertEquals(Optional.of(main), config.source());
    }

    @Test
    void theSameModelInTwoFilesAndDifferentValuesAreErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1.yaml"), "logLevel: info\nmodels:\n  a: {cmd: a, proxy: 'http://127.0.0.1:9'}\n");
        Files.writeString(dir.resolve("2.yaml"), "logLevel: debug\nmodels:\n  a: {cmd: a, proxy: 'http://127.0.0.1:9'}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSources.load(Optional.empty(), Optional.of(dir)));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(2, problems.size(), problems.toString());
        String second = dir.resolve("2.yaml").toString();
        assertEquals(second + ":1:11", problems.get(0).substring(0, problems.get(0).indexOf(": logLevel")));
        assertEquals(second + ":3:3", problems.get(1).substring(0, problems.get(1).indexOf(": models.a")));
        String first = dir.resolve("1.yaml").toString();
        assertTrue(problems.get(0).endsWith("sets a different value than " + first + ":1:11 (\"info\")"),
                problems.get(0));
        assertTrue(problems.get(1).endsWith("(already defined at " + first + ":3:3); define it in one file only"),
                problems.get(1));
    }

    /** As llama-swap's TestLoadConfigSources_EnvMacroInFlowStyleList, with a variable every JVM here has. */
    @Test
    void aReferenceInAFlowCollectionOfAFoldersFileIsSubstituted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "models:\n  m1: {cmd: 'm1 ${PORT}'}\n");
        Files.writeString(dir.resolve("keys.yaml"), "models:\n  m2: {cmd: 'm2 ${PORT}', name: ${env.PATH}}\n");
        SwapdeckConfig config = ConfigSources.load(Optional.empty(), Optional.of(dir));
        assertEquals(Optional.of(System.getenv("PATH")), config.models().get("m2").name());
    }

    /** One report for the whole folder: a file that is not YAML, a merge conflict, and wrong values. */
    @Test
    void everyFilesProblemsAndTheMergesAreReportedTogether(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1.yaml"), "logLevel: info\nmodels:\n  a: {cmd: a, proxy: 'http://127.0.0.1:9'}\n");
        Files.writeString(dir.resolve("2.yaml"), "models:\n  b: {cmd: [b]\n");
        Files.writeString(dir.resolve("3.yaml"), "logLevel: debug\n");
        Files.writeString(dir.resolve("4.yaml"), "models:\n  c: {cmd: c, ttl: ten}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSources.load(Optional.empty(), Optional.of(dir)));
        List<String> where = e.problems().stream()
                .map(problem -> Path.of(problem.file()).getFileName() + " " + problem.key()).sorted().toList();
        assertEquals(List.of("2.yaml (yaml)", "3.yaml logLevel", "4.yaml models.c.ttl"), where, e.getMessage());
    }

    @Test
    void aFolderWithoutYamlSaysSo(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(empty.resolve("notes.txt"), "not read");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigSources.load(Optional.empty(), Optional.of(empty)));
        assertTrue(error.getMessage().contains("the folder has no *.yaml or *.yml file"), error.getMessage());
    }
}
