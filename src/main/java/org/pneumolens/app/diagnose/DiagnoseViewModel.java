package org.pneumolens.app.diagnose;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.UserMessages;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Diagnose tab, free of nodes. Every analysis is a {@link DiagnoseTask} on the inference executor;
 * only the newest one may publish (an older one is cancelled and its late result dropped). Each result is
 * published once, as one immutable {@link DiagnoseState}; a failure sets {@link #errorProperty()} and marks the
 * last good image and result as an earlier file's (greyed out, labelled with that file's name). What the model
 * is doing (loading, ready) is the {@link ModelService}'s to say, not this tab's.
 */
public final class DiagnoseViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnoseViewModel.class);

    private final ModelService models;
    private final TaskExecutor executor;
    private final RecentFiles recentStore;

    private final ReadOnlyObjectWrapper<DiagnoseState> state =
            new ReadOnlyObjectWrapper<>(this, "state", DiagnoseState.EMPTY);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /**
     * What the open under way is doing ("Reading x...", "Analysing x..."), empty when none is; apart from
     * {@link #statusProperty}, the outcome of the last one, so that a view can keep showing that outcome until
     * the work has run long enough to be worth a busy line ({@code DelayedFlag}).
     */
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper modelFigures = new ReadOnlyStringWrapper(this, "modelFigures", "");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private final BooleanProperty overlayVisible = new SimpleBooleanProperty(this, "overlayVisible", true);
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.7);
    /** Which class's evidence the overlay shows; set to the predicted class with every new result. */
    private final ObjectProperty<String> overlayClass = new SimpleObjectProperty<>(this, "overlayClass");
    /** "Show the model's output anyway" for an image the input check refused; back to false with every result. */
    private final BooleanProperty showRefusedOutput = new SimpleBooleanProperty(this, "showRefusedOutput");
    /** "Show patient identifiers" for a DICOM file's header; off at start, never saved. */
    private final BooleanProperty showIdentifiers = new SimpleBooleanProperty(this, "showIdentifiers", false);
    private final ReadOnlyStringWrapper modelCheck = new ReadOnlyStringWrapper(this, "modelCheck", "");

    private DiagnoseTask current;

    public DiagnoseViewModel(ModelService models, TaskExecutor executor, RecentFiles recentStore) {
        this.models = models;
        this.executor = executor;
        this.recentStore = recentStore;
        recent.setAll(recentStore.list());
        // A no-op when the state already shows this class (e.g. when a new result sets it): one push per result.
        overlayClass.addListener((obs, old, cls) -> state.set(state.get().withOverlayClass(cls)));
        showRefusedOutput.addListener((obs, old, show) -> showRefused(show));
        models.modelProperty().addListener((obs, old, model) -> modelChanged(model));
        modelChanged(models.getModel());
    }

    /** Opens an image file chosen by the user; it joins the recent list once it has been read. */
    public void open(Path file) {
        analyse(ImageSource.file(file));
    }

    public void openSample(SampleImages.Sample sample) {
        analyse(sample.source());
    }

    /** A drop of files onto the window: opens the one image, or says why it will not. */
    public boolean drop(List<Path> files) {
        FileDrop drop = FileDrop.of(files);
        if (!drop.accepted()) {
            error.set(drop.problem());
            return false;
        }
        open(drop.image());
        return true;
    }

    public void analyse(ImageSource source) {
        if (current != null) {
            current.cancel();
        }
        DiagnoseTask task = new DiagnoseTask(source, models.getModel(), models.nameProperty().get());
        current = task;
        error.set("");
        busy.set(true);
        activity.set("Reading " + source.name() + "...");
        task.onMessage(msg -> {
            if (task == current) {
                activity.set(msg);
            }
        });
        task.onSuccess(d -> finished(task, d, null));
        task.onFailure(e -> finished(task, null, e));
        task.onCancelled(() -> {
            if (task == current) { // cancelled by the window closing, not superseded
                current = null;
                busy.set(false);
                activity.set("");
            }
        });
        executor.execute(task);
    }

    private void finished(DiagnoseTask task, Diagnosis result, Throwable failure) {
        if (task != current) {
            return; // superseded: a newer image is on its way, this result belongs to another one
        }
        current = null;
        busy.set(false);
        activity.set("");
        if (failure != null) {
            LOG.warn("Could not analyse {}: {}", task.source().name(), UserMessages.describe(failure));
            error.set(UserMessages.describe(failure));
            status.set("Could not open " + task.source().name());
            state.set(state.get().staleAfter(task.source().name()));
            return;
        }
        showRefusedOutput.set(false); // a new image starts hidden if refused (a no-op on the old state otherwise)
        DiagnoseState next = DiagnoseState.of(result, null);
        state.set(next);
        if (next.hasPrediction() && !next.outputHidden()) {
            overlayClass.set(next.overlayClass()); // the state already shows it: no second push
        }
        status.set(statusLine(next));
        if (result.file() != null) {
            // Written (and flushed to the disk) on the executor: the frame with the verdict does not wait for it.
            Path file = result.file();
            executor.execute(BackgroundTask.of(() -> recentStore.add(file)).onSuccess(recent::setAll));
        }
        if (!result.hasPrediction() && models.getModel() != null) {
            // The model arrived while this image was being read without one: analyse it now.
            analyse(ImageSource.decoded(result.name(), result.file(), result.loaded()));
        }
    }

    private static String statusLine(DiagnoseState s) {
        Diagnosis d = s.diagnosis();
        if (!d.hasPrediction()) {
            return d.name() + ": waiting for the model";
        }
        if (s.refusal() != null) {
            return d.name() + ": " + s.refusal().shortLine()
                    + (s.refusal().shownAnyway() ? " (model output shown anyway, " + d.prediction().label() + ")" : "");
        }
        return d.name() + ": " + s.verdict(); // "Borderline: review" inside the band, else the label
    }

    private void showRefused(boolean show) {
        DiagnoseState s = state.get();
        DiagnoseState next = s.withRefusedOutputShown(show);
        if (next == s) {
            return;
        }
        state.set(next);
        if (!next.outputHidden()) {
            overlayClass.set(next.overlayClass());
        }
        if (current == null) {
            status.set(statusLine(next));
        }
    }

    /** Loads a model file on the executor; a file that does not fit leaves the current model in place. */
    public void loadModel(Path file) {
        models.loadFile(file, this::modelFailed);
    }

    public void useBundledModel() {
        models.loadBundled(this::modelFailed);
    }

    private void modelFailed(Throwable e) {
        LOG.warn("Model did not load: {}", UserMessages.describe(e));
        String keep = models.getModel() == null ? "No model is loaded."
                : "Still using " + models.nameProperty().get() + ".";
        error.set("Could not load the model: " + UserMessages.describe(e) + " " + keep);
    }

    private void modelChanged(PneumoModel model) {
        modelFigures.set(model == null ? "" : ResultText.valFigures(model.metadata()));
        modelCheck.set(model == null ? "" : ResultText.inputCheck(model));
        if (model == null) {
            return;
        }
        // Re-analyse with the new model: the image being read if there is one, else the one on screen.
        Diagnosis shown = state.get().diagnosis();
        if (current != null) {
            analyse(current.source());
        } else if (shown != null) {
            analyse(ImageSource.decoded(shown.name(), shown.file(), shown.loaded()));
        }
    }

    public void dismissError() {
        error.set("");
    }

    /** What the tab shows: one immutable state per result, never null ({@link DiagnoseState#EMPTY} at first). */
    public ReadOnlyObjectProperty<DiagnoseState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The shown result, or null before the first image. */
    public Diagnosis getDiagnosis() {
        return state.get().diagnosis();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The outcome of this tab's last open ("x: NORMAL", "Could not open x"); empty until the first image. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** A message for the user about the last failure; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return models.nameProperty();
    }

    public ReadOnlyStringProperty modelFiguresProperty() {
        return modelFigures.getReadOnlyProperty();
    }

    /** Whether the model has an input check, in one line ("No input check: ..." when it has none). */
    public ReadOnlyStringProperty modelCheckProperty() {
        return modelCheck.getReadOnlyProperty();
    }

    /**
     * Whether the DICOM header panel and the exported report show the patient's name, ID, birth date, age, sex and
     * the institution; off by default.
     */
    public BooleanProperty showIdentifiersProperty() {
        return showIdentifiers;
    }

    /** Shows (true) or hides the output of an image the input check refused; reset with every new result. */
    public BooleanProperty showRefusedOutputProperty() {
        return showRefusedOutput;
    }

    public ObservableList<Path> recentFiles() {
        return recentView;
    }

    public BooleanProperty overlayVisibleProperty() {
        return overlayVisible;
    }

    public DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    public ObjectProperty<String> overlayClassProperty() {
        return overlayClass;
    }

    /** The inference executor: a report is written there, off the FX thread. */
    TaskExecutor executor() {
        return executor;
    }

    public ModelService models() {
        return models;
    }
}
