package org.pneumolens.core.train;

import java.util.List;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.PneumoModel;

/**
 * The kept model (weights of the best epoch, threshold chosen on validation) and how it got there.
 *
 * @param stopped        true when the user stopped the run before its last epoch
 * @param valPredictions the kept model's answer for each validation image, in the order of the validation set;
 *                       empty when not recorded
 */
public record TrainingResult(PneumoModel model, List<EpochResult> history, int bestEpoch, Evaluation valEvaluation,
                             boolean stopped, boolean earlyStopped, List<ValPrediction> valPredictions) {
    public TrainingResult {
        valPredictions = valPredictions == null ? List.of() : List.copyOf(valPredictions);
    }

    /** A result without per-image validation predictions. */
    public TrainingResult(PneumoModel model, List<EpochResult> history, int bestEpoch, Evaluation valEvaluation,
                          boolean stopped, boolean earlyStopped) {
        this(model, history, bestEpoch, valEvaluation, stopped, earlyStopped, List.of());
    }
}
