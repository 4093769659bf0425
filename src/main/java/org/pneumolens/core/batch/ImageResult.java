package org.pneumolens.core.batch;

import java.nio.file.Path;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.model.Prediction;

/**
 * One file's outcome in a batch, compact: no pixels beyond an optional small PNG thumbnail.
 *
 * @param index      the file's position in the batch's file list
 * @param prediction null unless {@code outcome} is {@link Outcome#DONE}
 * @param check      null unless {@code outcome} is {@link Outcome#DONE}
 * @param source     null when the file could not be decoded
 * @param thumbnail  PNG bytes of a grey thumbnail (longest side about the size asked), or null
 * @param error      one line saying why the file failed or was skipped (naming the file), else null
 */
public record ImageResult(int index, Path file, Outcome outcome, Prediction prediction, CheckResult check,
                          SourceFacts source, byte[] thumbnail, String error) {

    public enum Outcome {
        DONE,
        /** Unreadable, not decodable, or the model's output for it was not a probability vector. */
        FAILED,
        /** A failure that is a bug rather than a bad file (an unexpected exception). */
        INTERNAL_ERROR
    }

    public Verdict verdict() {
        return outcome == Outcome.DONE ? Verdict.of(prediction, check) : Verdict.FAILED;
    }

    /** P(positive class), or NaN when there is no prediction. */
    public double positiveProbability() {
        return prediction == null ? Double.NaN : prediction.probability(prediction.positiveClass());
    }

    static ImageResult failed(int index, Path file, Outcome outcome, String error) {
        return new ImageResult(index, file, outcome, null, null, null, null, error);
    }
}
