package org.pneumolens.app.model;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model the window currently uses, shared by the Diagnose tab (which predicts with it) and the Train tab
 * (which can hand over a freshly trained one), and what the window's status bar says about it. Loading happens
 * on the executor; the properties change on the executor's UI thread only. A model that fails to load leaves
 * the current one in place.
 */
public final class ModelService {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
    public static final String NO_MODEL = "No model loaded";

    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<PneumoModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    /** Where the current model came from: "bundled", a file path, or "trained in this session". */
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", NO_MODEL);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", NO_MODEL);
    private final WarmUp warmUp;
    private int loads;

    public ModelService(TaskExecutor executor) {
        this(executor, m -> { });
    }

    /**
     * @param warmUp run on the executor once a loaded model is in place (after what its arrival starts there), e.g.
     *               an analysis of a blank image so that the user's first image is not the first call of the
     *               engine's and the JIT's code; a failure there is only logged
     */
    public ModelService(TaskExecutor executor, WarmUp warmUp) {
        this.executor = executor;
        this.warmUp = warmUp;
    }

    public ReadOnlyObjectProperty<PneumoModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public PneumoModel getModel() {
        return model.get();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The current model's name, or {@value #NO_MODEL}. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** True while a model file is being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "Loading model...", "Model ready: NAME" or {@value #NO_MODEL}: the status bar's words about the model. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void loadBundled(Consumer<Throwable> onError) {
        load(BundledModelPreload::take, "bundled", "Loading model...", onError);
    }

    public void loadFile(Path file, Consumer<Throwable> onError) {
        load(() -> ModelFile.load(file), file.toString(), "Loading model " + file.getFileName() + "...", onError);
    }

    /** Switches to a model that is already in memory (e.g. just trained); call on the UI thread. */
    public void use(PneumoModel newModel, String from) {
        name.set(newModel == null ? NO_MODEL : newModel.metadata().name());
        source.set(from);
        model.set(newModel);
        settle();
    }

    private void load(ModelLoader loader, String from, String message, Consumer<Throwable> onError) {
        loads++;
        loading.set(true);
        status.set(message);
        executor.execute(BackgroundTask.of(loader::load)
                .onSuccess(m -> {
                    loads--;
                    use(m, from);
                    executor.execute(BackgroundTask.of(() -> {
                        warmUp.accept(m);
                        return m;
                    }).onFailure(e -> LOG.warn("Warming up the model failed: {}", e.toString())));
                })
                .onFailure(e -> {
                    loads--;
                    settle();
                    onError.accept(e);
                })
                .onCancelled(() -> {
                    loads--;
                    settle();
                }));
    }

    private void settle() {
        loading.set(loads > 0);
        if (loads == 0) {
            status.set(model.get() == null ? NO_MODEL : "Model ready: " + name.get());
        }
    }

    /** A first use of a model just loaded, on the executor. */
    @FunctionalInterface
    public interface WarmUp {
        void accept(PneumoModel model) throws Exception;
    }

    @FunctionalInterface
    private interface ModelLoader {
        PneumoModel load() throws Exception;
    }
}
