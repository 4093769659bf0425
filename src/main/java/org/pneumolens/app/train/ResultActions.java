package org.pneumolens.app.train;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.UserMessages;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user can do with a finished run's model: save it to a file, or hand it to the Diagnose tab. Says what
 * happened through its own message and error; the Train tab's view-model shows them.
 */
public final class ResultActions {
    /** The source the Diagnose tab shows for a model handed over from here. */
    public static final String SOURCE = "trained in this session";
    private static final Logger LOG = LoggerFactory.getLogger(ResultActions.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppContext context;
    private final ReadOnlyObjectProperty<TrainingResult> result;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    /** The current result's model has been written to a file (false again with every new result). */
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(this, "saved");

    ResultActions(AppContext context, ReadOnlyObjectProperty<TrainingResult> result) {
        this.context = context;
        this.result = result;
        result.addListener((obs, old, r) -> saved.set(false));
    }

    /**
     * The name offered when saving: the trainer's name with the time of the run, so two runs on the same folder
     * and input size differ ("PneumoNet 64 (xray, 2026-12-01 21:22)").
     */
    public String suggestedModelName() {
        TrainingResult r = result.get();
        if (r == null) {
            return "";
        }
        ModelMetadata m = r.model().metadata();
        String when;
        try {
            when = TIME.format(Instant.parse(m.createdAt()).atZone(ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            when = m.createdAt();
        }
        String base = m.name().replaceFirst("\\s*\\([^()]*\\)$", "");
        String folder = m.training() == null ? "" : Path.of(m.training().trainData()).getFileName() + ", ";
        return base + " (" + folder + when + ")";
    }

    /** A file name for {@code modelName}: letters, digits, dots and dashes only. */
    public static String fileNameFor(String modelName) {
        String stem = modelName.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return (stem.isEmpty() ? "pneumolens-model" : stem) + ".zip";
    }

    /** Writes the model on the training executor; the write is atomic (temp file + move). */
    public void save(Path target) {
        save(target, suggestedModelName(), ok -> { });
    }

    /**
     * As {@link #save(Path)}, the model named {@code name} in its file; {@code done} gets true once the file is
     * written, false when it was not.
     */
    public void save(Path target, String name, Consumer<Boolean> done) {
        TrainingResult r = result.get();
        if (r == null || saving.get()) {
            done.accept(false);
            return;
        }
        PneumoModel model = r.model();
        saving.set(true);
        error.set("");
        message.set("Saving model to " + target + "...");
        // The model may already be predicting in the Diagnose tab; PneumoModel.save waits for that.
        context.training().execute(BackgroundTask.of(() -> {
            model.save(target, name);
            return target;
        }).onSuccess(t -> {
            saving.set(false);
            saved.set(result.get() == r);
            message.set("Saved model \u201c" + name + "\u201d to " + target);
            done.accept(true);
        }).onFailure(e -> {
            saving.set(false);
            LOG.warn("Saving the model to {} failed", target, e);
            message.set("Model not saved");
            error.set("Could not save the model to " + target + ": " + UserMessages.describe(e));
            done.accept(false);
        }).onCancelled(() -> {
            saving.set(false);
            done.accept(false);
        }));
    }

    /** Makes the trained model the window's current model and shows the Diagnose tab. */
    public void useInDiagnose() {
        TrainingResult r = result.get();
        if (r == null) {
            return;
        }
        context.models().use(r.model(), SOURCE);
        message.set("The Diagnose tab now uses this model");
        context.navigation().showDiagnose();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** The last thing done with the result; empty until something was. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last save failed; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
