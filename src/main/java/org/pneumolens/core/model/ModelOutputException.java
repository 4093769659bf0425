package org.pneumolens.core.model;

/**
 * A network produced numbers that are not probabilities (NaN, infinite, outside [0, 1]) for some input: an error
 * for that input, reported as such, never turned into a label.
 */
public final class ModelOutputException extends RuntimeException {
    public ModelOutputException(String message) {
        super(message);
    }
}
