package org.pneumolens.app;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.pneumolens.app.common.TrainingActivity;

/**
 * Asks before quitting would lose work: a training run going on (Stop and quit / Keep training), or a trained
 * model not yet saved (Save / Discard / Cancel). File > Quit, Ctrl+Q and the window's close button all come here.
 */
final class QuitGuard {
    static final ButtonType STOP_AND_QUIT = new ButtonType("Stop and quit", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType KEEP_TRAINING = new ButtonType("Keep training", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType SAVE = new ButtonType("Save...", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    static final ButtonType CANCEL = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final TrainingActivity activity;
    private final Supplier<Window> owner;
    private final Runnable showTrain;
    private Runnable exit;

    QuitGuard(TrainingActivity activity, Supplier<Window> owner, Runnable showTrain, Runnable exit) {
        this.activity = activity;
        this.owner = owner;
        this.showTrain = showTrain;
        this.exit = exit;
    }

    /** Replaces what quitting does (tests must not end the toolkit). */
    void exitWith(Runnable action) {
        this.exit = action;
    }

    /** File > Quit and Ctrl+Q: quits now, after asking, or later (once a model the user chose to save is saved). */
    void quit() {
        if (mayQuitNow()) {
            exit.run();
        }
    }

    /**
     * The window's close button: true when the window may close now. False when the user kept the window, or
     * chose to save first (the window then quits once the model is saved).
     */
    boolean mayQuitNow() {
        if (activity.runningProperty().get()) {
            if (ask("A training run is going on",
                    "Quitting now stops it; the run's model is not kept.", STOP_AND_QUIT, KEEP_TRAINING)
                    != STOP_AND_QUIT) {
                return false;
            }
            activity.stop();
            return true;
        }
        if (activity.unsavedProperty().get()) {
            ButtonType answer = ask("The trained model is not saved",
                    "Save it before quitting, or discard it?", SAVE, DISCARD, CANCEL);
            if (answer == SAVE) {
                showTrain.run();
                activity.save(saved -> {
                    if (saved) {
                        exit.run();
                    }
                });
                return false;
            }
            return answer == DISCARD;
        }
        return true;
    }

    private ButtonType ask(String header, String text, ButtonType... buttons) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, buttons);
        alert.setTitle("Quit PneumoLens");
        alert.setHeaderText(header);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.orElse(buttons[buttons.length - 1]);
    }
}
