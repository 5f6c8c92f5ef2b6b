package dev.swapdeck.ui.memory;

/**
 * One part of the memory bar: a model's share, other programs' use, or what is free of the budget.
 *
 * @param fraction   of the bar's width, 0 to 1
 * @param styleClass {@code memory-model}, {@code memory-other} or {@code memory-free}
 * @param detail     the tooltip: the figures behind the part
 */
public record MemorySegment(String label, double fraction, String styleClass, String detail) {
}
