package org.pneumolens.app.common;

/**
 * Turns an exception into words for the window, the one place that does it: the exception's own message when it
 * has one, what kind of failure it was when it has none, and advice when memory ran out anywhere in the cause
 * chain (the Java heap, or ND4J's off-heap memory, which reports itself as a plain RuntimeException).
 */
public final class UserMessages {
    public static final String OUT_OF_MEMORY = "Out of memory. Try a smaller input size or batch size, or start "
            + "PneumoLens with more memory (-Xmx).";

    private UserMessages() {
    }

    /** E.g. "Unsupported image format: scan.png", or "unexpected NullPointerException". */
    public static String describe(Throwable t) {
        if (outOfMemory(t)) {
            return OUT_OF_MEMORY;
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? "unexpected " + t.getClass().getSimpleName() : msg;
    }

    /** True when memory ran out anywhere in the cause chain. */
    public static boolean outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError || isNativeOutOfMemory(c)) {
                return true;
            }
        }
        return false;
    }

    /** ND4J reports exhausted off-heap memory as a plain RuntimeException with one of these phrases. */
    private static boolean isNativeOutOfMemory(Throwable t) {
        String m = t.getMessage();
        return m != null && (m.contains("Cannot allocate") || m.contains("Physical memory usage is too high")
                || m.contains("out of memory"));
    }
}
