package org.pneumolens.core.train;

import java.util.List;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.PneumoModel;

/**
 * The kept model (weights of the best epoch, threshold chosen on validation) and how it got there.
 *
 * @param stopped true when the user stopped the run before its last epoch
 */
public record TrainingResult(PneumoModel model, List<EpochResult> history, int bestEpoch, Evaluation valEvaluation,
                             boolean stopped, boolean earlyStopped) {
}
