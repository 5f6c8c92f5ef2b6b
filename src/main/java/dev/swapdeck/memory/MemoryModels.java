package dev.swapdeck.memory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The memory view of one configuration: the budget, each model's settings and its prediction
 * (measured, else declared, else the model file's estimate). File sizes are read once, here, when
 * the configuration is installed, so predicting never touches the disk. Immutable but for the
 * learned footprints it reads through.
 */
public final class MemoryModels {
    private final MemoryConfig config;
    private final Footprints footprints;
    private final Map<String, ModelMemory> settings = new HashMap<>();
    private final Map<String, Long> fileEstimates = new HashMap<>();

    public MemoryModels(MemoryConfig config, Collection<ModelSpec> models, Footprints footprints) {
        this.config = config;
        this.footprints = footprints;
        for (ModelSpec model : models) {
            settings.put(model.id(), model.memory());
            if (config.enabled() && model.memory().declared().isEmpty()) {
                ModelFile.estimate(model.cmd()).ifPresent(bytes -> fileEstimates.put(model.id(), bytes));
            }
        }
    }

    public MemoryConfig config() {
        return config;
    }

    public boolean enabled() {
        return config.enabled();
    }

    public boolean pinned(String model) {
        return settings.getOrDefault(model, ModelMemory.NONE).pinned();
    }

    public Collection<String> ids() {
        return settings.keySet();
    }

    /** What the model is expected to take when it starts. */
    public Prediction predict(String model) {
        Optional<Long> learned = footprints.learned(model);
        if (learned.isPresent()) {
            return new Prediction(learned.get(), Prediction.Basis.MEASURED);
        }
        Optional<Long> declared = settings.getOrDefault(model, ModelMemory.NONE).declared();
        if (declared.isPresent()) {
            return new Prediction(declared.get(), Prediction.Basis.DECLARED);
        }
        Long estimate = fileEstimates.get(model);
        return estimate == null ? Prediction.UNKNOWN : new Prediction(estimate, Prediction.Basis.MODEL_FILE);
    }

    /** {@link #predict}'s bytes; 0 when unknown. */
    public long predictedBytes(String model) {
        return predict(model).bytes();
    }

    /**
     * The budget: the configured one, else the total the latest sample saw (0 before any sample). A
     * configured budget larger than that total is the total: no plan may fill memory that is not there.
     */
    public long budget(Optional<Sample> sample) {
        long total = sample.map(Sample::total).orElse(0L);
        return config.budget().map(b -> total > 0 ? Math.min(b, total) : b).orElse(total);
    }

    /** Whether the configured budget is more than {@code sample}'s total (and so not the budget in force). */
    public boolean budgetBeyond(Sample sample) {
        return config.budget().filter(b -> sample.total() > 0 && b > sample.total()).isPresent();
    }
}
