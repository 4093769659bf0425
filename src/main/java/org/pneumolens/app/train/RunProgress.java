package org.pneumolens.app.train;

import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * How far a training run is, as the Train tab's two bars and their texts show it: the current phase (decoding
 * images, or batches of one epoch), the whole run in epochs, and elapsed / remaining time. Changed by the
 * {@link TrainViewModel} on the UI thread only.
 */
public final class RunProgress {
    private final RunClock clock;
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper(this, "epochProgress");
    private final ReadOnlyStringWrapper epochProgressText = new ReadOnlyStringWrapper(this, "epochProgressText", "");
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress");
    private final ReadOnlyStringWrapper runProgressText = new ReadOnlyStringWrapper(this, "runProgressText", "");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "");
    private final ReadOnlyStringWrapper remaining = new ReadOnlyStringWrapper(this, "remaining", "");
    private int totalEpochs;
    /** Share of the run's training (not decoding) done, 0..1: what the remaining-time estimate scales. */
    private double trainingFraction;

    RunProgress(LongSupplier nanoClock) {
        this.clock = new RunClock(nanoClock);
    }

    /** A new run of {@code epochs} epochs starts now. */
    void start(int epochs) {
        totalEpochs = epochs;
        trainingFraction = 0;
        epochProgress.set(0);
        runProgress.set(0);
        epochProgressText.set("");
        runProgressText.set(String.format(Locale.ROOT, "Run: 0 of %d epochs done", totalEpochs));
        clock.start();
        tick();
    }

    /** {@code done} of {@code total} units of the current phase: epoch 0 decodes images, 1.. trains. */
    void batch(int epoch, int done, int total) {
        epochProgress.set(total == 0 ? 0 : (double) done / total);
        if (epoch == 0) {
            epochProgressText.set(String.format(Locale.ROOT, "Decoding images: %,d / %,d", done, total));
        } else {
            clock.trainingStarted();
            epochProgressText.set(String.format(Locale.ROOT, "Epoch %d of %d: batch %d / %d", epoch, totalEpochs,
                    done, total));
            trainingFraction = ((epoch - 1) + (double) done / total) / totalEpochs;
            runProgress.set(trainingFraction);
        }
        tick();
    }

    void epochDone(int epoch) {
        trainingFraction = (double) epoch / totalEpochs;
        runProgress.set(trainingFraction);
        runProgressText.set(String.format(Locale.ROOT, "Run: %d of %d epochs done", epoch, totalEpochs));
        tick();
    }

    /** The run has ended; {@code complete} fills the run's bar (it ran to its last epoch or stopped early). */
    void ended(boolean complete) {
        tick();
        if (complete) {
            runProgress.set(1);
        }
        remaining.set("");
    }

    /** Refreshes elapsed time and estimate. */
    void tick() {
        elapsed.set(clock.elapsed());
        remaining.set(clock.remaining(trainingFraction));
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty epochProgressTextProperty() {
        return epochProgressText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runProgressTextProperty() {
        return runProgressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }
}
