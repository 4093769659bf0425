package org.pneumolens.app.model;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;

/**
 * The model the window currently uses, shared by the Diagnose tab (which predicts with it) and the Train tab
 * (which can hand over a freshly trained one). Loading happens on the executor; the property changes on the FX
 * thread only. A model that fails to load leaves the current one in place.
 */
public final class ModelService {
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<PneumoModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    /** Where the current model came from: "bundled", a file path, or "trained in this session". */
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");

    public ModelService(TaskExecutor executor) {
        this.executor = executor;
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

    public Task<PneumoModel> loadBundled(Consumer<Throwable> onError) {
        return load(BundledModelPreload::take, "bundled", onError);
    }

    public Task<PneumoModel> loadFile(Path file, Consumer<Throwable> onError) {
        return load(() -> ModelFile.load(file), file.toString(), onError);
    }

    /** Switches to a model that is already in memory (e.g. just trained); call on the FX thread. */
    public void use(PneumoModel newModel, String from) {
        model.set(newModel);
        source.set(from);
    }

    private Task<PneumoModel> load(ModelLoader loader, String from, Consumer<Throwable> onError) {
        Task<PneumoModel> task = new Task<>() {
            @Override
            protected PneumoModel call() throws Exception {
                updateMessage("Loading model " + from + "...");
                return loader.load();
            }
        };
        task.setOnSucceeded(e -> use(task.getValue(), from));
        task.setOnFailed(e -> onError.accept(task.getException()));
        return executor.execute(task);
    }

    @FunctionalInterface
    private interface ModelLoader {
        PneumoModel load() throws Exception;
    }
}
