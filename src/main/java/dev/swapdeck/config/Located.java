package dev.swapdeck.config;

import org.yaml.snakeyaml.nodes.Node;

/** A value read from the file together with the node it came from, for messages about it later. */
record Located<T>(T value, Node node) {

    <U> Located<U> with(U newValue) {
        return new Located<>(newValue, node);
    }
}
