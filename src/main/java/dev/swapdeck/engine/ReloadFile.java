package dev.swapdeck.engine;

import dev.swapdeck.config.SwapdeckConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The file a reload (SIGHUP, the API, the watcher) reads: the one in force. The built-in demo has
 * none; it looks for the file a launch would now find, so that someone who followed the demo's hint
 * and created the default file gets it without a restart.
 */
final class ReloadFile {
    private volatile Supplier<Optional<Path>> demoFinds = Optional::empty;
    private volatile Path demoExpects;

    /** Where the demo looks; {@code expected} is named when there is no file yet. */
    void forTheDemo(Supplier<Optional<Path>> found, Path expected) {
        this.demoFinds = found;
        this.demoExpects = expected;
    }

    Optional<Path> of(SwapdeckConfig config) {
        return config.source().or(config.isDemo() ? demoFinds : Optional::empty);
    }

    /** What a reload without a file is told. */
    IllegalStateException missing() {
        return new IllegalStateException("the built-in demo has no file to reload; create "
                + (demoExpects == null ? "one" : demoExpects) + " or start with --config FILE");
    }
}
