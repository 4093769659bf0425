package org.pneumolens.core.train;

/**
 * What a training run reports, called on the training thread. Implementations that update a UI must hand
 * the values over to their own thread.
 */
public interface TrainingProgress {
    /** A one-line human-readable status ("Decoding 5,197 images...", "Stopping..."). */
    default void message(String text) {
    }

    /** After each batch: {@code done} of {@code total} batches in epoch {@code epoch} (1-based). */
    default void batch(int epoch, int done, int total) {
    }

    default void epoch(EpochResult result) {
    }

    /**
     * A new best model exists (after an epoch that improved validation AUC); e.g. to checkpoint it with
     * {@code best.result()}, which builds the model only when called (on this thread, during this call).
     */
    default void improved(Trainer.Checkpoint best) {
    }

    TrainingProgress NONE = new TrainingProgress() {
    };
}
