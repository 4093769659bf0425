package org.pneumolens.app.train;

import java.io.IOException;
import org.pneumolens.app.common.UserMessages;

/** Turns what ended a training run into a sentence the user can act on. */
final class TrainingErrors {
    private TrainingErrors() {
    }

    static String describe(Throwable t) {
        if (UserMessages.outOfMemory(t)) {
            return UserMessages.OUT_OF_MEMORY;
        }
        String msg = t.getMessage();
        if (t instanceof IllegalArgumentException && msg != null) {
            return "Cannot train: " + msg;
        }
        if (t instanceof IOException && msg != null) {
            return "Cannot read the dataset: " + msg;
        }
        return "Training failed: " + (msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg);
    }
}
