package org.pneumolens.app.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.controlsfx.dialog.ExceptionDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's last line of defence: an exception nobody caught is logged and shown in a dialog with its stack
 * trace (ControlsFX {@link ExceptionDialog}), and the app keeps running. Expected failures (a bad image, a bad
 * model file) do not come here: the views show those inline, in words.
 */
public final class ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private ErrorReporter() {
    }

    /** Installs the handler for every thread; dialogs are parented to {@code owner} when it is showing. */
    public static void install(Window owner) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> report(owner, thread.getName(), error));
    }

    static void report(Window owner, String threadName, Throwable error) {
        LOG.error("Uncaught exception on thread {}", threadName, error);
        if (Platform.isFxApplicationThread()) {
            show(owner, error);
        } else {
            try {
                Platform.runLater(() -> show(owner, error));
            } catch (IllegalStateException toolkitGone) {
                // The window has already closed: the log line above is all we can do.
            }
        }
    }

    private static void show(Window owner, Throwable error) {
        ExceptionDialog dialog = new ExceptionDialog(error);
        dialog.setTitle("PneumoLens: unexpected error");
        dialog.setHeaderText("Something went wrong. PneumoLens keeps running; details are in the log.");
        if (owner != null && owner.isShowing()) {
            dialog.initOwner(owner);
        }
        dialog.show();
    }

    /** A plain information dialog (About, export saved...). */
    public static void info(Window owner, String title, String header, String text) {
        message(Alert.AlertType.INFORMATION, owner, title, header, text);
    }

    /** An expected failure explained in words (e.g. a report that could not be saved); no stack trace. */
    public static void error(Window owner, String title, String header, String text) {
        message(Alert.AlertType.ERROR, owner, title, header, text);
    }

    private static void message(Alert.AlertType type, Window owner, String title, String header, String text) {
        Alert alert = new Alert(type, text);
        alert.setTitle(title);
        alert.setHeaderText(header);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
