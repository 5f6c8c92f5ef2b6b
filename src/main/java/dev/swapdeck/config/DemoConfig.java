package dev.swapdeck.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration used when the user has none: models served by the bundled demo upstream
 * ({@code dev.swapdeck.demo.DemoUpstream}), started with this JVM's own {@code java} and classpath,
 * so a newcomer can load, unload and chat with no model server installed.
 */
public final class DemoConfig {
    static final String RESOURCE = "demo.yaml";
    static final String FILE_NAME = "<demo>";

    private DemoConfig() {
    }

    /**
     * The demo configuration, {@link SwapdeckConfig#source()} empty.
     *
     * @throws IllegalStateException if the bundled template does not load (a packaging bug)
     */
    public static SwapdeckConfig load() {
        Map<String, String> macros = Map.of(
                "java", CommandLine.quote(javaExecutable()),
                "classpath", CommandLine.quote(System.getProperty("java.class.path")));
        try {
            return ConfigLoader.parse(template(), FILE_NAME, Optional.empty(), macros, Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in demo configuration is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * {@code java.home/bin/java} when present, else the command this process runs if it is a
     * {@code java} launcher, else {@code java} from the PATH. A jpackage image strips {@code bin/java}
     * unless packaged with it, and its app launcher cannot run another main class.
     */
    static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : new String[] {"java", "java.exe"}) {
            if (Files.isExecutable(bin.resolve(name))) {
                return bin.resolve(name).toString();
            }
        }
        return ProcessHandle.current().info().command()
                .filter(command -> Path.of(command).getFileName().toString().matches("java(\\.exe)?"))
                .orElse("java");
    }

    static String template() {
        return BundledText.read(RESOURCE);
    }
}
