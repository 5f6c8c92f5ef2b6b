package dev.swapdeck.memory;

import dev.swapdeck.state.StateFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the memory layer looks: the nvidia-smi program and its timeout, {@code /proc}, the state
 * folder for learned footprints, and how often to sample.
 */
public record MemoryOptions(String nvidiaSmi, Duration probeTimeout, Path proc, StateFolder state, Cadence cadence) {

    /** nvidia-smi normally answers in well under a second; a hung driver must not hold the probe for long. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** {@code $SWAPDECK_NVIDIA_SMI} (else nvidia-smi on PATH), the real {@code /proc}, learned footprints kept in {@code state}. */
    public static MemoryOptions fromEnvironment(Map<String, String> env, StateFolder state) {
        return new MemoryOptions(NvidiaSmi.program(env), PROBE_TIMEOUT, Path.of("/proc"), state, Cadence.DEFAULT);
    }
}
