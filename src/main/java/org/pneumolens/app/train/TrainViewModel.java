package org.pneumolens.app.train;

import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TrainingActivity;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Train tab: the dataset, the settings, one training run at a time and its outcome. Runs the
 * context's {@link AppContext.TrainingRunner} on the training executor; progress arrives through a
 * {@link TrainingProgressBridge} on the executor's UI thread, so every property here changes on that thread only.
 *
 * <p>Status: NOT_STARTED -(start)-> TRAINING -(stop)-> STOPPING; a run that returns ends DONE (also when stopped
 * after an epoch: the best epoch is kept), one that throws ends FAILED, and one stopped before any epoch finished
 * (wherever it was: decoding images or inside epoch 1) ends NOT_STARTED with {@link #STOPPED_WITHOUT_MODEL}.
 */
public final class TrainViewModel implements TrainingProgressBridge.Sink {
    /** What a run stopped before its first epoch finished says: nothing is kept, and it is not an error. */
    static final String STOPPED_WITHOUT_MODEL = "Stopped before the first epoch finished; no model kept";
    private static final Logger LOG = LoggerFactory.getLogger(TrainViewModel.class);
    private static final int MAX_LOG_LINES = 2000;

    private final AppContext context;
    private final UnaryOperator<TrainingProgress> progressDecorator;
    private final RunProgress progress;
    private final TrainingSettings settings = new TrainingSettings();
    private final DatasetViewModel dataset;
    private final DatasetScreen screen;
    private final ResultActions resultActions;
    /** The run in progress, or null; stop() cancels it, the one way a run is asked to end. */
    private BackgroundTask<TrainingResult> run;

    private final ReadOnlyObjectWrapper<TrainStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", TrainStatus.NOT_STARTED);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<EpochResult> history = FXCollections.observableArrayList();
    // One wrapper each: an unmodifiable view only weakly listens to its list, so it must live as long as we do.
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ObservableList<EpochResult> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyObjectWrapper<TrainingResult> result = new ReadOnlyObjectWrapper<>(this, "result");

    public TrainViewModel(AppContext context) {
        this(context, UnaryOperator.identity(), System::nanoTime);
    }

    /** @param progressDecorator wraps the bridge, e.g. so a test can see what the trainer reported */
    TrainViewModel(AppContext context, UnaryOperator<TrainingProgress> progressDecorator, LongSupplier nanoClock) {
        this.context = context;
        this.progressDecorator = progressDecorator;
        this.progress = new RunProgress(nanoClock);
        this.dataset = new DatasetViewModel(context.training(), settings.valFraction());
        // The bundled model's check screens each scanned folder in the window (the real trainer); view-model tests
        // with a fake trainer call screen() themselves when they want it.
        this.screen = new DatasetScreen(context.training(), DatasetScreen.bundled());
        if (context.trainer() == AppContext.TrainingRunner.DL4J) {
            dataset.datasetProperty().addListener((obs, old, d) -> screen.screen(d));
        }
        this.resultActions = new ResultActions(context, result.getReadOnlyProperty());
        resultActions.messageProperty().addListener((obs, old, text) -> {
            if (!text.isEmpty()) {
                message.set(text);
            }
        });
        resultActions.errorProperty().addListener((obs, old, text) -> error.set(text));
        publishActivity(context.activity());
    }

    /** Keeps the window's view of this tab current: a run going on, a model not yet saved. */
    private void publishActivity(TrainingActivity activity) {
        Runnable update = () -> {
            activity.setRunning(status.get().running());
            activity.setUnsaved(result.get() != null && !resultActions.savedProperty().get());
            activity.setSummary(status.get().running() ? "Training: " + progress.runProgressTextProperty().get()
                    .replaceFirst("^Run: ", "") : "");
        };
        status.addListener((obs, old, s) -> update.run());
        result.addListener((obs, old, r) -> update.run());
        resultActions.savedProperty().addListener((obs, old, s) -> update.run());
        progress.runProgressTextProperty().addListener((obs, old, t) -> update.run());
        update.run();
    }

    /** Starts a run with the current settings on the scanned dataset. Call on the FX thread. */
    public void start() {
        if (status.get().running() || dataset.getDataset() == null) {
            return;
        }
        screen.cancel(); // the run must not wait behind the input check of the folder
        Dataset data = screen.apply(dataset.getDataset());
        TrainingConfig config;
        try {
            config = settings.toConfig();
        } catch (IllegalArgumentException e) {
            error.set("Invalid setting: " + e.getMessage());
            return;
        }
        resetRun(config);
        AppContext.TrainingRunner runner = context.trainer();
        BackgroundTask<TrainingResult> task = new BackgroundTask<>() {
            @Override
            protected TrainingResult call() throws Exception {
                TrainingProgress reports = progressDecorator.apply(
                        new TrainingProgressBridge(TrainViewModel.this, this::onUiThread, System::nanoTime));
                // Interrupted: the executor is shutting down because the window closed.
                return runner.train(config, data, reports,
                        () -> isCancelled() || Thread.currentThread().isInterrupted());
            }
        };
        run = task;
        task.onSuccess(r -> {
            run = null;
            finished(r);
        });
        task.onFailure(t -> {
            run = null;
            failed(t);
        });
        // Stop before any epoch finished ends here wherever the run was (decoding images: InterruptedException;
        // inside epoch 1: TrainingCancelledException): BackgroundTask reports a throw after cancel() as cancelled.
        task.onCancelled(() -> {
            run = null;
            cancelled();
        });
        context.training().execute(task);
    }

    /** The input check of the chosen folder (how many images it refuses; leave them out). */
    public DatasetScreen screen() {
        return screen;
    }

    /** Opens a (validation) image in the Diagnose tab. */
    public void openImage(java.nio.file.Path file) {
        context.navigation().openImage(file);
    }

    /** Asks the run to end after the current batch; the best epoch so far is kept. */
    public void stop() {
        if (status.get() == TrainStatus.TRAINING && run != null) {
            run.cancel();
            status.set(TrainStatus.STOPPING);
            message.set("Stopping after the current batch...");
        }
    }

    /** Refreshes elapsed time and estimate; the view calls it once a second while a run is alive. */
    public void tick() {
        if (status.get().running()) {
            progress.tick();
        }
    }

    private void resetRun(TrainingConfig config) {
        history.clear();
        log.clear();
        result.set(null);
        error.set("");
        progress.start(config.epochs());
        status.set(TrainStatus.TRAINING);
        message.set("Starting...");
    }

    @Override
    public void message(String text) {
        addLog(text);
        if (status.get() == TrainStatus.TRAINING) {
            message.set(text);
        }
    }

    @Override
    public void batch(int epoch, int done, int total) {
        progress.batch(epoch, done, total);
    }

    @Override
    public void epoch(EpochResult r) {
        history.add(r);
        addLog(r.line());
        progress.epochDone(r.epoch());
        if (status.get() == TrainStatus.TRAINING) {
            message.set(String.format(Locale.ROOT, "Epoch %d done: val accuracy %.3f, val AUC %.3f", r.epoch(),
                    r.valAccuracy(), r.valAuc()));
        }
    }

    private void finished(TrainingResult r) {
        progress.ended(!r.stopped());
        result.set(r);
        String how = r.stopped() ? "Stopped by you after " : r.earlyStopped() ? "Stopped early (no val AUC gain) after "
                : "Finished ";
        message.set(String.format(Locale.ROOT, "%s%d epochs; kept epoch %d (val AUC %.3f)", how, r.history().size(),
                r.bestEpoch(), r.history().get(r.bestEpoch() - 1).valAuc()));
        addLog(message.get());
        status.set(TrainStatus.DONE);
    }

    private void cancelled() {
        progress.ended(false);
        message.set(STOPPED_WITHOUT_MODEL);
        addLog(STOPPED_WITHOUT_MODEL);
        status.set(TrainStatus.NOT_STARTED);
    }

    private void failed(Throwable t) {
        progress.ended(false);
        LOG.error("Training failed", t);
        error.set(TrainingErrors.describe(t));
        message.set("Training failed");
        addLog(error.get());
        status.set(TrainStatus.FAILED);
    }

    private void addLog(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    public BooleanBinding canStartProperty() {
        return Bindings.createBooleanBinding(() -> !status.get().running() && dataset.getDataset() != null
                        && !dataset.scanningProperty().get() && !resultActions.savingProperty().get()
                        && screen.blockerProperty().get().isEmpty(),
                status, dataset.datasetProperty(), dataset.scanningProperty(), resultActions.savingProperty(),
                screen.blockerProperty());
    }

    public BooleanBinding canStopProperty() {
        return status.isEqualTo(TrainStatus.TRAINING);
    }

    public TrainingSettings settings() {
        return settings;
    }

    public DatasetViewModel dataset() {
        return dataset;
    }

    public ResultActions results() {
        return resultActions;
    }

    public ReadOnlyObjectProperty<TrainStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The run's bars, their texts and its times. */
    public RunProgress progress() {
        return progress;
    }

    public ObservableList<String> log() {
        return logView;
    }

    public ObservableList<EpochResult> history() {
        return historyView;
    }

    public ReadOnlyObjectProperty<TrainingResult> resultProperty() {
        return result.getReadOnlyProperty();
    }
}
