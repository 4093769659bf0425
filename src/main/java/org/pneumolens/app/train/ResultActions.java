package org.pneumolens.app.train;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.UserMessages;
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

    /** Suggested file name for the save dialog. */
    public String suggestedFileName() {
        TrainingResult r = result.get();
        int size = r == null ? 0 : r.model().metadata().input().size();
        return "pneumolens-model-" + size + ".zip";
    }

    /** Writes the model on the training executor; the write is atomic (temp file + move). */
    public void save(Path target) {
        save(target, ok -> { });
    }

    /** As {@link #save(Path)}; {@code done} gets true once the file is written, false when it was not. */
    public void save(Path target, Consumer<Boolean> done) {
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
            model.save(target);
            return target;
        }).onSuccess(t -> {
            saving.set(false);
            saved.set(result.get() == r);
            message.set("Saved model to " + target);
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
