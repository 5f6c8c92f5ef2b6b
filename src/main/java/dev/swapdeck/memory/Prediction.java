package dev.swapdeck.memory;

/**
 * The footprint a model is expected to take when it starts, and what the expectation rests on.
 *
 * @param bytes  0 when nothing is known yet (the model then fits anywhere until it is measured)
 */
public record Prediction(long bytes, Basis basis) {

    public enum Basis {
        /** The peak measured after ready in its last run (remembered across restarts). */
        MEASURED,
        /** The model's {@code memory:} setting. */
        DECLARED,
        /** The size of the {@code -m} file plus a margin. */
        MODEL_FILE,
        /** Nothing to go on. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final Prediction UNKNOWN = new Prediction(0, Basis.UNKNOWN);
}
