package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingCancelledException;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;

/**
 * The Train tab's state machine with a scripted fake trainer, a current-thread executor and no JavaFX toolkit:
 * every transition (start, stop while decoding, stop during an epoch, stop after one, failure, finish, restart)
 * and which buttons each state allows. The script runs inside the training task, so it can press Stop mid-run
 * and look at the state the window would show at that moment.
 */
class TrainViewModelTest {
    private final FakeTrainer trainer = new FakeTrainer();
    private final List<TrainStatus> seen = new ArrayList<>();
    private TrainViewModel vm;

    @BeforeEach
    void setUp() {
        CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
        AppContext context = new AppContext(new ModelService(now), now, now, AppContext.Navigation.NONE, trainer);
        vm = new TrainViewModel(context);
        vm.statusProperty().addListener((obs, old, s) -> seen.add(s));
        vm.dataset().choose(TestData.fixture("")); // train/ and val/ of the 42-image fixture set
        assertNotNull(vm.dataset().getDataset(), vm.dataset().errorProperty().get());
        vm.settings().epochsProperty().set(2);
    }

    @AfterEach
    void noCheckFailedInsideTheRun() {
        if (trainer.failedCheck != null) {
            throw trainer.failedCheck;
        }
    }

    @Test
    void beforeAnyRunOnlyStartIsAllowedAndOnlyWithADataset() {
        assertEquals(TrainStatus.NOT_STARTED, vm.statusProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canStopProperty().get());
        vm.stop();
        assertEquals(TrainStatus.NOT_STARTED, vm.statusProperty().get(), "Stop without a run does nothing");

        CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
        TrainViewModel empty = new TrainViewModel(new AppContext(new ModelService(now), now, now,
                AppContext.Navigation.NONE, trainer));
        assertFalse(empty.canStartProperty().get(), "no dataset chosen");
        empty.start();
        assertEquals(0, trainer.runs);
    }

    @Test
    void aRunThatFinishesEndsDoneKeepsTheBestEpochAndAllowsAnotherStart() {
        trainer.script = (config, progress, stop) -> {
            assertEquals(TrainStatus.TRAINING, vm.statusProperty().get());
            assertFalse(vm.canStartProperty().get(), "no second run while one is alive");
            assertTrue(vm.canStopProperty().get());
            progress.batch(0, 42, 42);
            assertEquals("Decoding images: 42 / 42", vm.progress().epochProgressTextProperty().get());
            progress.batch(1, 2, 2); // the last batch of a phase always passes the bridge's throttle
            assertEquals("Epoch 1 of 2: batch 2 / 2", vm.progress().epochProgressTextProperty().get());
            assertEquals(0.5, vm.progress().runProgressProperty().get(), 1e-9, "epoch 1 of 2 trained");
            progress.epoch(epoch(1, 2, 0.70));
            progress.epoch(epoch(2, 2, 0.80));
            return result(2, 2, false);
        };

        vm.start();

        assertEquals(List.of(TrainStatus.TRAINING, TrainStatus.DONE), seen);
        assertEquals("Finished 2 epochs; kept epoch 2 (val AUC 0.800)", vm.messageProperty().get());
        assertNotNull(vm.resultProperty().get());
        assertEquals(2, vm.history().size());
        assertEquals(1.0, vm.progress().runProgressProperty().get());
        assertEquals("Run: 2 of 2 epochs done", vm.progress().runProgressTextProperty().get());
        assertEquals("", vm.progress().remainingProperty().get(), "no estimate once the run has ended");
        assertEquals("", vm.errorProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canStopProperty().get());
    }

    @Test
    void stopWhileImagesAreDecodedEndsCancelledNotFailed() {
        trainer.script = (config, progress, stop) -> {
            progress.batch(0, 10, 42);
            vm.stop();
            assertEquals(TrainStatus.STOPPING, vm.statusProperty().get());
            assertFalse(vm.canStopProperty().get(), "Stop is pressed once");
            assertFalse(vm.canStartProperty().get(), "the run has not ended yet");
            assertTrue(stop.getAsBoolean(), "the trainer sees the stop request");
            // What core's DecodedImages throws when its cancel check fires between two images.
            throw new InterruptedException("cancelled while decoding images");
        };

        vm.start();

        assertStoppedWithoutModel();
    }

    @Test
    void stopDuringTheFirstEpochEndsExactlyLikeStopWhileDecoding() {
        trainer.script = (config, progress, stop) -> {
            progress.batch(0, 42, 42);
            progress.batch(1, 1, 2);
            vm.stop();
            assertTrue(stop.getAsBoolean());
            throw new TrainingCancelledException("Training was stopped before the first epoch finished");
        };

        vm.start();

        assertStoppedWithoutModel();
    }

    @Test
    void stopAfterAnEpochEndsDoneWithTheBestEpochSoFar() {
        trainer.script = (config, progress, stop) -> {
            progress.epoch(epoch(1, 2, 0.75));
            vm.stop();
            assertTrue(stop.getAsBoolean());
            return result(1, 1, true);
        };

        vm.start();

        assertEquals(List.of(TrainStatus.TRAINING, TrainStatus.STOPPING, TrainStatus.DONE), seen);
        assertTrue(vm.messageProperty().get().startsWith("Stopped by you after 1 epochs; kept epoch 1"),
                vm.messageProperty().get());
        assertNotNull(vm.resultProperty().get());
        assertEquals(0.5, vm.progress().runProgressProperty().get(), 1e-9, "a stopped run's bar stays where it was");
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canStopProperty().get());
    }

    @Test
    void aFailureEndsFailedWithTheReasonAndAllowsAnotherStart() {
        trainer.script = (config, progress, stop) -> {
            progress.epoch(epoch(1, 2, 0.6));
            throw new IllegalStateException("disk full while logging");
        };

        vm.start();

        assertEquals(List.of(TrainStatus.TRAINING, TrainStatus.FAILED), seen);
        assertEquals("Training failed: disk full while logging", vm.errorProperty().get());
        assertEquals("Training failed", vm.messageProperty().get());
        assertNull(vm.resultProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canStopProperty().get());
    }

    @Test
    void aRestartAfterAFailureOrAStopStartsCleanAndCanFinish() {
        trainer.script = (config, progress, stop) -> {
            progress.epoch(epoch(1, 2, 0.6));
            throw new IllegalStateException("boom");
        };
        vm.start();
        trainer.script = (config, progress, stop) -> {
            progress.batch(0, 1, 42);
            vm.stop();
            throw new InterruptedException("cancelled while decoding images");
        };
        vm.start();
        assertStoppedWithoutModel();
        trainer.script = (config, progress, stop) -> {
            assertFalse(stop.getAsBoolean(), "a new run starts without the old stop request");
            assertEquals(List.of(), vm.history(), "the failed run's epochs are gone");
            assertEquals("", vm.errorProperty().get(), "the old error is gone");
            progress.epoch(epoch(1, 2, 0.7));
            progress.epoch(epoch(2, 2, 0.9));
            return result(2, 2, false);
        };

        vm.start();

        assertEquals(3, trainer.runs);
        assertEquals(TrainStatus.DONE, vm.statusProperty().get());
        assertEquals(2, vm.history().size());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void theRunGetsTheSettingsAsItsConfig() {
        vm.settings().epochsProperty().set(3);
        List<TrainingConfig> configs = new ArrayList<>();
        trainer.script = (config, progress, stop) -> {
            configs.add(config);
            return result(1, 1, false);
        };

        vm.start();

        assertEquals(3, configs.get(0).epochs());
    }

    @Test
    void theWindowClosingMidRunIsACancelNotAFailure() {
        trainer.script = (config, progress, stop) -> {
            throw new InterruptedException("executor shut down"); // no Stop pressed: the thread was interrupted
        };

        vm.start();

        assertEquals(TrainStatus.NOT_STARTED, vm.statusProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void handingTheResultToDiagnoseSwitchesTheWindowsModel() throws Exception {
        var model = TestData.bundledModel();
        CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
        ModelService models = new ModelService(now);
        int[] shown = new int[1];
        TrainViewModel withModel = new TrainViewModel(new AppContext(models, now, now, new AppContext.Navigation() {
            @Override
            public void showDiagnose() {
                shown[0]++;
            }

            @Override
            public void showTrain() {
            }
        }, (config, data, progress, stop) -> new TrainingResult(model, List.of(epoch(1, 1, 0.8)), 1, null,
                false, false)));
        withModel.dataset().choose(TestData.fixture(""));
        withModel.start();

        withModel.results().useInDiagnose();

        assertSame(model, models.getModel());
        assertEquals(ResultActions.SOURCE, models.sourceProperty().get());
        assertEquals(1, shown[0]);
        assertEquals("The Diagnose tab now uses this model", withModel.messageProperty().get());
    }

    private void assertStoppedWithoutModel() {
        assertEquals(TrainStatus.NOT_STARTED, vm.statusProperty().get(), "a stop is not a failure");
        assertEquals("", vm.errorProperty().get(), "no red error for a stop");
        assertEquals(TrainViewModel.STOPPED_WITHOUT_MODEL, vm.messageProperty().get());
        assertNull(vm.resultProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canStopProperty().get());
    }

    private static EpochResult epoch(int epoch, int total, double auc) {
        return new EpochResult(epoch, total, 0.5, 0.7, 0.6, 0.7, auc, 1.0, 1e-3, true);
    }

    /** A result without a model: the view-model only reads its history and flags. */
    private static TrainingResult result(int epochs, int best, boolean stopped) {
        List<EpochResult> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(epoch(e, epochs, e == best ? 0.8 : 0.7));
        }
        return new TrainingResult(null, history, best, null, stopped, false);
    }

    /** Runs the test's script in place of DL4J; counts runs. */
    private static final class FakeTrainer implements AppContext.TrainingRunner {
        Script script = (config, progress, stop) -> {
            throw new AssertionError("no script");
        };
        int runs;
        /** A check inside the script that failed: it would otherwise only show as a failed run. */
        AssertionError failedCheck;

        @Override
        public TrainingResult train(TrainingConfig config, org.pneumolens.core.data.Dataset data,
                                    TrainingProgress progress, BooleanSupplier stop) throws Exception {
            runs++;
            try {
                return script.run(config, progress, stop);
            } catch (AssertionError e) {
                failedCheck = e;
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Script {
        TrainingResult run(TrainingConfig config, TrainingProgress progress, BooleanSupplier stop) throws Exception;
    }
}
