package org.pneumolens.app;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps the terminal quiet when the window starts normally. JavaFX warns "Unsupported JavaFX configuration:
 * classes were loaded from 'unnamed module'" on every start from a class path; it is true (the jar and the
 * installer put JavaFX on the class path, see docs/packaging.md) and harmless, and nothing a user can act on.
 * Only that one message of JavaFX's own logger is dropped; every other JavaFX warning still prints.
 */
final class TerminalQuiet {
    static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";
    /** JUL holds loggers weakly: keep the configured one alive. */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private TerminalQuiet() {
    }

    static void install() {
        Filter previous = JAVAFX.getFilter();
        JAVAFX.setFilter(r -> (r.getMessage() == null || !r.getMessage().startsWith(CLASS_PATH_WARNING))
                && (previous == null || previous.isLoggable(r)));
    }
}
