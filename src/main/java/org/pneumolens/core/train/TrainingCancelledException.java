package org.pneumolens.core.train;

/** Thrown when a run is stopped before any epoch finished, so there is no model to keep. */
public class TrainingCancelledException extends Exception {
    public TrainingCancelledException(String message) {
        super(message);
    }
}
