package org.pneumolens.app.train;

import java.io.IOException;

/** Turns what ended a training run into a sentence the user can act on. */
final class TrainingErrors {
    private TrainingErrors() {
    }

    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError || isNativeOutOfMemory(c)) {
                return "Out of memory. Try a smaller input size or batch size, or start PneumoLens with more "
                        + "memory (-Xmx).";
            }
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

    /** ND4J reports exhausted off-heap memory as a plain RuntimeException with one of these phrases. */
    private static boolean isNativeOutOfMemory(Throwable t) {
        String m = t.getMessage();
        return m != null && (m.contains("Cannot allocate") || m.contains("Physical memory usage is too high")
                || m.contains("out of memory"));
    }
}
