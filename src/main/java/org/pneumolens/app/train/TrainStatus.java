package org.pneumolens.app.train;

/** Where a training run is; drives which buttons of the Train tab are enabled. */
public enum TrainStatus {
    NOT_STARTED, TRAINING, STOPPING, DONE, FAILED;

    /** True while a training task is alive (a new one must not start, settings must not change). */
    public boolean running() {
        return this == TRAINING || this == STOPPING;
    }
}
