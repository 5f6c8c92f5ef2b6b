package dev.swapdeck.process;

/**
 * A start that did not end ready. The message is written for the person reading the error: what
 * happened and, where it can, what to do (for example "command not found: llama-server (check cmd
 * for model qwen)" or "exited with code 1 during start; last output: ...").
 */
public class StartFailedException extends RuntimeException {
    private final String model;

    public StartFailedException(String model, String message) {
        super(message);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
