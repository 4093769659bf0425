package org.pneumolens.app;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * For whoever measures how long the window takes to show a result: told when an image is asked for and when the
 * frame that shows its verdict and overlay is laid out. The app does not know who listens: the entry point
 * ({@code org.pneumolens.Launcher}) passes the benchmark's driver in, so nothing in the app calls the harness (as
 * with {@link StartupListener}). Times are {@link System#nanoTime()} readings.
 *
 * <p>{@link #ready} comes once, on the FX thread, when the window is shown and a model is loaded; the opener it
 * hands over may be called from any thread and opens the file through the Diagnose tab's view-model, as File >
 * Open and a drop do. {@link #openRequested} and {@link #shown} come on the FX thread, for opens made through
 * that opener.
 */
public interface OpenTimingListener {
    OpenTimingListener NONE = new OpenTimingListener() {
    };

    /** The window can open images now; {@code open} opens one as the user's File > Open does. */
    default void ready(Consumer<Path> open) {
    }

    /** The open of {@code file} is about to be handed to the view-model (time zero of this open). */
    default void openRequested(Path file, long nanos) {
    }

    /**
     * The first frame after the result for {@code file} was put into the scene graph has been laid out (CSS and
     * layout done, about to be drawn); {@code verdict} is what it shows, or the error when the file did not open.
     */
    default void shown(Path file, String verdict, long nanos) {
    }
}
