package org.pneumolens.app.train;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.pneumolens.app.AppContext;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the user can do with a finished run's model: save it to a file, or hand it to the Diagnose tab. */
public final class ResultActions {
    /** The source the Diagnose tab shows for a model handed over from here. */
    public static final String SOURCE = "trained in this session";
    private static final Logger LOG = LoggerFactory.getLogger(ResultActions.class);

    private final AppContext context;
    private final ReadOnlyObjectProperty<TrainingResult> result;
    private final StringProperty message;
    private final StringProperty error;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

    ResultActions(AppContext context, ReadOnlyObjectProperty<TrainingResult> result, StringProperty message,
                  StringProperty error) {
        this.context = context;
        this.result = result;
        this.message = message;
        this.error = error;
    }

    /** Suggested file name for the save dialog. */
    public String suggestedFileName() {
        TrainingResult r = result.get();
        int size = r == null ? 0 : r.model().metadata().input().size();
        return "pneumolens-model-" + size + ".zip";
    }

    /** Writes the model on the training executor; {@link ModelFile#save} is atomic (temp file + move). */
    public void save(Path target) {
        TrainingResult r = result.get();
        if (r == null || saving.get()) {
            return;
        }
        PneumoModel model = r.model();
        saving.set(true);
        error.set("");
        message.set("Saving model to " + target + "...");
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                // The model may already be predicting in the Diagnose tab; PneumoModel serialises use on itself.
                synchronized (model) {
                    ModelFile.save(model.network(), model.metadata(), target);
                }
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            saving.set(false);
            message.set("Saved model to " + target);
        });
        task.setOnFailed(e -> {
            saving.set(false);
            LOG.warn("Saving the model to {} failed", target, task.getException());
            message.set("Model not saved");
            error.set("Could not save the model to " + target + ": " + task.getException().getMessage());
        });
        context.training().execute(task);
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
}
