package org.pneumolens.app;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.TrainingActivity;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.app.train.InputCheckStep;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.train.Trainer;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;

/**
 * What every view controller may use, handed to controllers through the FXML controller factory
 * ({@code new FooController(AppContext)}). Two executors: inference must not wait behind a training run.
 *
 * @param inference    single thread for model loading, prediction and Grad-CAM
 * @param training     single thread for training runs (and dataset scans, model saves)
 * @param navigation   lets a view bring another tab to the front
 * @param trainer      starts a training run; DL4J's {@link Trainer} in the window, a fake in view-model tests
 * @param activity     what the Train tab is doing, for the rest of the window (quit, the Diagnose tab)
 */
public record AppContext(ModelService models, TaskExecutor inference, TaskExecutor training, Navigation navigation,
                         TrainingRunner trainer, TrainingActivity activity) {

    /** A context with its own {@link TrainingActivity}. */
    public AppContext(ModelService models, TaskExecutor inference, TaskExecutor training, Navigation navigation,
                      TrainingRunner trainer) {
        this(models, inference, training, navigation, trainer, new TrainingActivity());
    }

    /** The window's context: training runs with the real trainer. */
    public AppContext(ModelService models, TaskExecutor inference, TaskExecutor training, Navigation navigation) {
        this(models, inference, training, navigation, TrainingRunner.DL4J);
    }

    /** Runs one training run on the calling (training) thread. */
    @FunctionalInterface
    public interface TrainingRunner {
        /**
         * @param stop true once the run should end; the run then returns the best epoch so far, or throws when
         *             no epoch finished ({@code TrainingCancelledException}, or {@code InterruptedException}
         *             while images are decoded)
         */
        TrainingResult train(TrainingConfig config, Dataset data, TrainingProgress progress, BooleanSupplier stop)
                throws Exception;

        /** DL4J's trainer, then the new model's own input check (not cut short by Stop: only by the window closing). */
        TrainingRunner DL4J = (config, data, progress, stop) -> InputCheckStep.fit(
                new Trainer(config, progress, stop).train(data.train(), data.val()), config, data, progress,
                () -> Thread.currentThread().isInterrupted());
    }

    /** Moves between the main window's tabs. */
    public interface Navigation {
        void showDiagnose();

        void showTrain();

        /** Opens an image in the Diagnose tab and shows that tab (e.g. a validation image from the Train tab). */
        default void openImage(Path file) {
        }

        Navigation NONE = new Navigation() {
            @Override
            public void showDiagnose() {
            }

            @Override
            public void showTrain() {
            }
        };
    }
}
