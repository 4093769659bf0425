package org.pneumolens.app.train;

import java.nio.file.Path;
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

    ResultActions(AppContext context, ReadOnlyObjectProperty<TrainingResult> result) {
        this.context = context;
        this.result = result;
    }

    /** Suggested file name for the save dialog. */
    public String suggestedFileName() {
        TrainingResult r = result.get();
        int size = r == null ? 0 : r.model().metadata().input().size();
        return "pneumolens-model-" + size + ".zip";
    }

    /** Writes the model on the training executor; the write is atomic (temp file + move). */
    public void save(Path target) {
        TrainingResult r = result.get();
        if (r == null || saving.get()) {
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
            message.set("Saved model to " + target);
        }).onFailure(e -> {
            saving.set(false);
            LOG.warn("Saving the model to {} failed", target, e);
            message.set("Model not saved");
            error.set("Could not save the model to " + target + ": " + UserMessages.describe(e));
        }).onCancelled(() -> saving.set(false)));
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
