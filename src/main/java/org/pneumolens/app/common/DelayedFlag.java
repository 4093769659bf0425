package org.pneumolens.app.common;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.util.Duration;

/**
 * A flag that follows another, late on the way up only: it turns true once the source has stayed true for the
 * delay, and false as soon as the source does. Busy feedback (the spinner, the status bar's progress bar and its
 * "Reading..." line) goes through it, so an open that answers within the delay goes straight from the old result to
 * the new one, with no spinner flashing in between. That is also what makes it fast: each frame of an indeterminate
 * progress animation is drawn on the CPU when JavaFX has no GPU (its software pipeline: virtual desktops, remote
 * sessions, Xvfb), and drawing them held the verdict's callback for 30 ms and slowed the analysis beside it
 * (docs/performance.md, session 12). FX thread only.
 */
public final class DelayedFlag {
    /** How long work may run before it shows as busy: below it a result reads as immediate. */
    public static final Duration BUSY_FEEDBACK = Duration.millis(300);

    private DelayedFlag() {
    }

    /** {@code source}, raised only after it has been true for {@code delay}; true at once if it already is. */
    public static ReadOnlyBooleanProperty of(ObservableBooleanValue source, Duration delay) {
        ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(source.get());
        PauseTransition wait = new PauseTransition(delay);
        wait.setOnFinished(e -> shown.set(source.get()));
        source.addListener((obs, was, now) -> {
            if (now) {
                wait.playFromStart();
            } else {
                wait.stop();
                shown.set(false);
            }
        });
        return shown.getReadOnlyProperty();
    }
}
