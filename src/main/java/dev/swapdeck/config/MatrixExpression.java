package dev.swapdeck.config;

import java.util.List;

/**
 * A parsed matrix set expression. A leaf names one model; {@code &} ({@link All}) means the children
 * run together; {@code |} ({@link Any}) means one of the children; {@code +name} ({@link Ref}) stands
 * for another set's whole expression.
 */
public sealed interface MatrixExpression {

    /** A model id (a var already replaced by the model it names). */
    record Model(String id) implements MatrixExpression {
    }

    /** {@code +set}: the expression of another set. */
    record Ref(String set) implements MatrixExpression {
    }

    /** {@code a & b & ...}: one choice from each child, together. */
    record All(List<MatrixExpression> parts) implements MatrixExpression {
        public All {
            parts = List.copyOf(parts);
        }
    }

    /** {@code a | b | ...}: one of the children. */
    record Any(List<MatrixExpression> choices) implements MatrixExpression {
        public Any {
            choices = List.copyOf(choices);
        }
    }
}
