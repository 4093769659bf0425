package org.pneumolens.app.diagnose;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import org.pneumolens.app.OpenTimingListener;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.model.PneumoModel;

/**
 * Tells an {@link OpenTimingListener} when an open is asked for and when the frame showing its result is laid out.
 *
 * <p>Which frame: the result reaches the view-model in a {@code runLater} callback (the task's success), whose
 * state listeners set the verdict's labels, the viewer's image and its overlay before that callback returns. No
 * pulse runs inside it, so the first pulse after it is the first that carries the result; its post-layout pulse
 * listener runs after that pulse's CSS pass and layout, right before the scene graph is handed to the render thread
 * to be drawn. An {@code AnimationTimer} would fire at the start of that pulse, before CSS and layout, and so miss
 * the layout of the new labels. Not counted: the render thread's drawing of that frame (it runs beside the next FX
 * work, and on a 60 Hz screen is shown at the next vertical refresh).
 */
public final class OpenTiming {
    private final Scene scene;
    private final DiagnoseViewModel viewModel;
    private final OpenTimingListener listener;
    private Path pending;

    private OpenTiming(Scene scene, DiagnoseViewModel viewModel, OpenTimingListener listener) {
        this.scene = scene;
        this.viewModel = viewModel;
        this.listener = listener;
    }

    /**
     * Starts listening on the FX thread once the window is shown; {@code listener.ready} follows as soon as
     * {@code models} holds a model.
     */
    public static void attach(Scene scene, DiagnoseViewModel viewModel, ModelService models,
                              OpenTimingListener listener) {
        if (listener == OpenTimingListener.NONE) {
            return;
        }
        OpenTiming timing = new OpenTiming(scene, viewModel, listener);
        viewModel.stateProperty().addListener((obs, old, s) -> timing.stateShown(s));
        viewModel.errorProperty().addListener((obs, old, e) -> {
            if (!e.isEmpty()) {
                timing.arm(e);
            }
        });
        Consumer<Path> open = file -> Platform.runLater(() -> timing.open(file));
        if (models.getModel() != null) {
            listener.ready(open);
            return;
        }
        models.modelProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends PneumoModel> o, PneumoModel old, PneumoModel m) {
                if (m != null) {
                    models.modelProperty().removeListener(this);
                    listener.ready(open);
                }
            }
        });
    }

    private void open(Path file) {
        pending = file;
        listener.openRequested(file, System.nanoTime());
        viewModel.open(file);
    }

    private void stateShown(DiagnoseState s) {
        if (pending != null && s.hasPrediction() && pending.equals(s.diagnosis().file())) {
            arm(s.verdict());
        }
    }

    /** The next pulse's post-layout listener reports the open (see the class comment), once. */
    private void arm(String verdict) {
        Path file = pending;
        if (file == null) {
            return;
        }
        pending = null;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            listener.shown(file, verdict, System.nanoTime());
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
