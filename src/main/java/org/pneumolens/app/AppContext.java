package org.pneumolens.app;

import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.model.ModelService;

/**
 * What every view controller may use, handed to controllers through the FXML controller factory
 * ({@code new FooController(AppContext)}). Two executors: inference must not wait behind a training run.
 *
 * @param inference    single thread for model loading, prediction and Grad-CAM
 * @param training     single thread for training runs
 * @param navigation   lets a view bring another tab to the front
 */
public record AppContext(ModelService models, TaskExecutor inference, TaskExecutor training, Navigation navigation) {

    /** Moves between the main window's tabs. */
    public interface Navigation {
        void showDiagnose();

        void showTrain();

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
