package dev.swapdeck.memory;

/**
 * One memory pool Swapdeck watches: a GPU as {@code nvidia-smi} reports it, or the machine's RAM.
 *
 * @param name   {@code GPU 0}, {@code GPU 1}, ... or {@code RAM}
 * @param total  bytes the device holds
 * @param used   bytes in use by every program, Swapdeck's models included
 */
public record Device(String name, long total, long used) {
}
