package org.pneumolens.app;

/**
 * The start-up milestones the window announces, for whoever measures start-up. The app does not know who listens:
 * the entry point ({@code org.pneumolens.Launcher}) passes the benchmark's reporter in, so nothing in the app calls
 * the benchmark harness.
 *
 * <p>{@link Milestone#WINDOW_SHOWN} comes on the FX thread once the stage is shown; {@link Milestone#MODEL_LOADED}
 * on any thread, each time a model is put in place (the first time at start-up). Either may come first.
 */
@FunctionalInterface
public interface StartupListener {
    StartupListener NONE = milestone -> { };

    enum Milestone { WINDOW_SHOWN, MODEL_LOADED }

    void reached(Milestone milestone);
}
