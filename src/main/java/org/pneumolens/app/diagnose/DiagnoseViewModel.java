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
import javafx.concurrent.Task;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Diagnose tab, free of nodes. Every analysis is a {@link DiagnoseTask} on the inference executor;
 * only the newest one may publish (an older one is cancelled and its late result dropped), and a failure only
 * sets {@link #errorProperty()}, so the last good image and result stay on screen.
 */
public final class DiagnoseViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnoseViewModel.class);

    private final ModelService models;
    private final TaskExecutor executor;
    private final RecentFiles recentStore;

    private final ReadOnlyObjectWrapper<Diagnosis> diagnosis = new ReadOnlyObjectWrapper<>(this, "diagnosis");
    private final ReadOnlyObjectWrapper<Overlay> overlay = new ReadOnlyObjectWrapper<>(this, "overlay");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper modelLoading = new ReadOnlyBooleanWrapper(this, "modelLoading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "No model loaded");
    private final ReadOnlyStringWrapper modelFigures = new ReadOnlyStringWrapper(this, "modelFigures", "");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final BooleanProperty overlayVisible = new SimpleBooleanProperty(this, "overlayVisible", true);
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.7);
    /** Which class's evidence the overlay shows; set to the predicted class with every new result. */
    private final ObjectProperty<String> overlayClass = new SimpleObjectProperty<>(this, "overlayClass");

    private DiagnoseTask current;

    public DiagnoseViewModel(ModelService models, TaskExecutor executor, RecentFiles recentStore) {
        this.models = models;
        this.executor = executor;
        this.recentStore = recentStore;
        recent.setAll(recentStore.list());
        overlayClass.addListener((obs, old, cls) -> updateOverlay());
        diagnosis.addListener((obs, old, d) -> updateOverlay());
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
            current.cancel(false);
        }
        DiagnoseTask task = new DiagnoseTask(source, models.getModel(), modelName.get());
        current = task;
        error.set("");
        busy.set(true);
        status.set("Reading " + source.name() + "...");
        task.messageProperty().addListener((obs, old, msg) -> {
            if (task == current) {
                status.set(msg);
            }
        });
        task.setOnSucceeded(e -> finished(task, task.getValue(), null));
        task.setOnFailed(e -> finished(task, null, task.getException()));
        executor.execute(task);
    }

    private void finished(DiagnoseTask task, Diagnosis result, Throwable failure) {
        if (task != current) {
            return; // superseded: a newer image is on its way, this result belongs to another one
        }
        current = null;
        busy.set(false);
        if (failure != null) {
            LOG.warn("Could not analyse {}: {}", task.source().name(), failure.toString());
            error.set(userMessage(failure));
            status.set("Could not open " + task.source().name());
            return;
        }
        if (result.hasPrediction()) {
            overlayClass.set(result.prediction().label());
        }
        diagnosis.set(result);
        status.set(result.hasPrediction() ? result.name() + ": " + result.prediction().label()
                : result.name() + ": waiting for the model");
        if (result.file() != null) {
            recent.setAll(recentStore.add(result.file()));
        }
        if (!result.hasPrediction() && models.getModel() != null) {
            // The model arrived while this image was being read without one: analyse it now.
            analyse(ImageSource.decoded(result.name(), result.file(), result.image()));
        }
    }

    /** Loads a model file on the executor; a file that does not fit leaves the current model in place. */
    public void loadModel(Path file) {
        watchModelLoad("Loading model " + file.getFileName() + "...", models.loadFile(file, this::modelFailed));
    }

    public void useBundledModel() {
        watchModelLoad("Loading model...", models.loadBundled(this::modelFailed));
    }

    private void watchModelLoad(String message, Task<PneumoModel> task) {
        if (task.isDone()) {
            return; // ran synchronously (tests): success or failure is already handled
        }
        modelLoading.set(true);
        status.set(message);
        task.runningProperty().addListener((obs, was, running) -> {
            if (!running) {
                modelLoading.set(false);
                if (!busy.get()) {
                    status.set(models.getModel() == null ? "No model loaded" : "Model ready: " + modelName.get());
                }
            }
        });
    }

    private void modelFailed(Throwable e) {
        LOG.warn("Model did not load: {}", e.toString());
        String keep = models.getModel() == null ? "No model is loaded." : "Still using " + modelName.get() + ".";
        error.set("Could not load the model: " + userMessage(e) + " " + keep);
    }

    private void modelChanged(PneumoModel model) {
        modelName.set(model == null ? "No model loaded" : model.metadata().name());
        modelFigures.set(model == null ? "" : ResultText.valFigures(model.metadata()));
        if (model == null) {
            return;
        }
        if (!busy.get()) {
            // The load task's "running" flag drops before its success handler hands the model over, so the
            // status set there may still read "No model loaded".
            status.set("Model ready: " + modelName.get());
        }
        // Re-analyse with the new model: the image being read if there is one, else the one on screen.
        Diagnosis shown = diagnosis.get();
        if (current != null) {
            analyse(current.source());
        } else if (shown != null) {
            analyse(ImageSource.decoded(shown.name(), shown.file(), shown.image()));
        }
    }

    private void updateOverlay() {
        Diagnosis d = diagnosis.get();
        overlay.set(d == null || overlayClass.get() == null ? null : d.overlayFor(overlayClass.get()));
    }

    static String userMessage(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? "unexpected " + e.getClass().getSimpleName() : msg;
    }

    public void dismissError() {
        error.set("");
    }

    public ReadOnlyObjectProperty<Diagnosis> diagnosisProperty() {
        return diagnosis.getReadOnlyProperty();
    }

    /** The coloured map for {@link #overlayClassProperty()} of the shown image; null when there is none. */
    public ReadOnlyObjectProperty<Overlay> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelLoadingProperty() {
        return modelLoading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message for the user about the last failure; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelFiguresProperty() {
        return modelFigures.getReadOnlyProperty();
    }

    public ObservableList<Path> recentFiles() {
        return FXCollections.unmodifiableObservableList(recent);
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

    public ModelService models() {
        return models;
    }
}
