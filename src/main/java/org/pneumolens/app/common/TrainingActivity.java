package org.pneumolens.app.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the rest of the window needs to know about the Train tab without depending on it: whether a run is going
 * on (the Diagnose tab shows a small indicator, quitting asks first), and whether a trained model has not been
 * saved (quitting offers to save it). The Train tab's view-model keeps it current and answers {@link #stop()} and
 * {@link #save(Consumer)}; until that tab exists there is nothing to report. Changed on the UI thread only.
 */
public final class TrainingActivity {
    /** How the Train tab stops a run and saves its model; the defaults do nothing (no Train tab yet). */
    public interface Actions {
        void stop();

        /** Asks where to save the model and saves it; {@code done} gets true once it is saved, false otherwise. */
        void save(Consumer<Boolean> done);

        Actions NONE = new Actions() {
            @Override
            public void stop() {
            }

            @Override
            public void save(Consumer<Boolean> done) {
                done.accept(false);
            }
        };
    }

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(this, "unsaved");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private Actions actions = Actions.NONE;

    /** Called by the Train tab once, when it is built. */
    public void connect(Actions trainTab) {
        this.actions = trainTab;
    }

    public void setRunning(boolean value) {
        running.set(value);
    }

    public void setUnsaved(boolean value) {
        unsaved.set(value);
    }

    /** One short line about the run, e.g. "Training: epoch 3 of 10"; empty when no run is going on. */
    public void setSummary(String text) {
        summary.set(text == null ? "" : text);
    }

    public void stop() {
        actions.stop();
    }

    public void save(Consumer<Boolean> done) {
        actions.save(done);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** A run finished with a model that has not been written to a file. */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
