package org.pneumolens.app.train;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.pneumolens.core.check.CheckCounts;
import org.pneumolens.core.check.InputCheckFitter;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.PatientSplit;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;

/**
 * After a run in the window, the new model's own input check, as {@code train} on the command line fits it: on the
 * training images, its threshold on the validation images (the trainer's patient-wise split, same fraction and
 * seed, when there is no val folder). Runs on the training thread, after the last epoch.
 */
public final class InputCheckStep {
    private InputCheckStep() {
    }

    /**
     * The result with its model carrying a fitted check; the result unchanged (its model then has no check, which
     * the Diagnose tab says) when {@code interrupted} ends the fit (the window closing).
     */
    public static TrainingResult fit(TrainingResult result, TrainingConfig config, Dataset data,
                                     TrainingProgress progress, BooleanSupplier interrupted) {
        PatientSplit.Split sets = data.val() != null ? new PatientSplit.Split(data.train(), data.val())
                : PatientSplit.split(data.train(), config.valFraction(), config.seed());
        progress.message("Fitting the input check on " + sets.train().images().size() + " training images...");
        try {
            InputCheckFitter.Fit fit = InputCheckFitter.fit(result.model(), sets.train(), sets.val(), interrupted,
                    done -> { });
            PneumoModel checked = result.model().withInputCheck(fit.check());
            progress.message(String.format(Locale.ROOT, "Input check: limit %.1f; refuses %s of the validation images",
                    fit.check().threshold(), CheckCounts.line(checked, fit.val(), sets.val().classes())));
            return new TrainingResult(checked, result.history(), result.bestEpoch(), result.valEvaluation(),
                    result.stopped(), result.earlyStopped(), result.valPredictions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.message("Input check not fitted: interrupted");
            return result;
        }
    }
}
