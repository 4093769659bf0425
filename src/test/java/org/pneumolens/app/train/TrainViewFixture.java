package org.pneumolens.app.train;

import org.pneumolens.TestFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.stage.Window;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.Trainer;
import org.pneumolens.core.train.TrainingProgress;

/**
 * Everything a Train tab view test needs: the tab loaded from its FXML with a real training executor, file
 * dialogs that answer with test paths, a spy between the trainer and the progress bridge that records what the
 * training API reported, and a slot for a fake trainer.
 */
final class TrainViewFixture implements TrainDialogs {
    final AtomicReference<Path> nextFolder = new AtomicReference<>();
    final AtomicReference<Path> nextModelFile = new AtomicReference<>();
    final List<EpochResult> reported = new CopyOnWriteArrayList<>();
    final AtomicInteger diagnoseShown = new AtomicInteger();
    final List<Path> opened = new CopyOnWriteArrayList<>();
    final UiTaskExecutor training = new UiTaskExecutor("test-training");
    final UiTaskExecutor inference = new UiTaskExecutor("test-inference");
    final ModelService models = new ModelService(inference);
    /** The trainer the tab runs: DL4J unless a test puts a fake here before pressing Start. */
    volatile AppContext.TrainingRunner trainer = AppContext.TrainingRunner.DL4J;
    final AppContext context = new AppContext(models, inference, training, new AppContext.Navigation() {
        @Override
        public void showDiagnose() {
            diagnoseShown.incrementAndGet();
        }

        @Override
        public void showTrain() {
        }

        @Override
        public void openImage(Path file) {
            opened.add(file);
        }
    }, (config, data, progress, stop) -> trainer.train(config, data, progress, stop));
    TrainController controller;

    /** Loads TrainView.fxml the way the main window does, through a controller factory. */
    Parent load() throws IOException {
        TrainViewModel vm = new TrainViewModel(context, this::spy, System::nanoTime);
        FXMLLoader loader = new FXMLLoader(TrainController.class.getResource("TrainView.fxml"));
        loader.setControllerFactory(type -> {
            controller = new TrainController(vm, this);
            return controller;
        });
        return loader.load();
    }

    private TrainingProgress spy(TrainingProgress bridge) {
        return new TrainingProgress() {
            @Override
            public void message(String text) {
                bridge.message(text);
            }

            @Override
            public void batch(int epoch, int done, int total) {
                bridge.batch(epoch, done, total);
            }

            @Override
            public void epoch(EpochResult result) {
                reported.add(result);
                bridge.epoch(result);
            }

            @Override
            public void improved(Trainer.Checkpoint bestSoFar) {
                bridge.improved(bestSoFar);
            }
        };
    }

    @Override
    public Optional<Path> chooseDatasetFolder(Window owner, Path initial) {
        return Optional.ofNullable(nextFolder.get());
    }

    @Override
    public Optional<Path> chooseModelFile(Window owner, String suggestedName) {
        return Optional.ofNullable(nextModelFile.get());
    }

    void shutdown() {
        training.shutdown();
        inference.shutdown();
    }

    /** Copies the 42-image fixture dataset (train/ and val/) into {@code dir}. */
    static Path copyFixtures(Path dir) {
        try {
            Path src = Path.of(TrainViewFixture.class.getResource("/fixtures/xray").toURI());
            return TestFiles.copyTree(src, dir.resolve("xray"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
