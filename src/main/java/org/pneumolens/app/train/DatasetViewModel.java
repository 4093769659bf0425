package org.pneumolens.app.train;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.UserMessages;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.DatasetException;
import org.pneumolens.core.data.DatasetFolderCheck;
import org.pneumolens.core.data.DatasetScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset folder of the Train tab: scans it off the FX thread (listing thousands of files and reading
 * their headers takes seconds on a slow disk) and publishes what was found, or why it cannot be used.
 */
public final class DatasetViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetViewModel.class);

    private final TaskExecutor executor;
    private final double valFraction;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ReadOnlyObjectWrapper<DatasetSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    DatasetViewModel(TaskExecutor executor, double valFraction) {
        this.executor = executor;
        this.valFraction = valFraction;
    }

    /** Scans {@code dir}; until the scan ends there is no usable dataset. Call on the FX thread. */
    public void choose(Path dir) {
        folder.set(dir);
        dataset.set(null);
        summary.set(null);
        error.set("");
        scanning.set(true);
        executor.execute(BackgroundTask.of(() -> {
            // The parent of a dataset would scan "fine", with its subfolders as classes: refuse it first.
            Optional<String> wrong = DatasetFolderCheck.wrongFolder(dir);
            if (wrong.isPresent()) {
                throw new DatasetException(wrong.get());
            }
            return DatasetScanner.scanDataset(dir);
        }).onSuccess(found -> {
            if (dir.equals(folder.get())) {
                dataset.set(found);
                summary.set(DatasetSummary.of(found, valFraction));
                scanning.set(false);
            }
        }).onFailure(e -> {
            if (dir.equals(folder.get())) {
                error.set(describe(e));
                scanning.set(false);
            }
        }).onCancelled(() -> {
            if (dir.equals(folder.get())) {
                scanning.set(false);
            }
        }));
    }

    private static String describe(Throwable t) {
        if (t instanceof DatasetException) {
            return t.getMessage();
        }
        LOG.warn("Scanning the dataset folder failed: {}", UserMessages.describe(t));
        LOG.debug("Scanning the dataset folder failed", t);
        return "Cannot read this folder: " + UserMessages.describe(t);
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public Dataset getDataset() {
        return dataset.get();
    }

    public ReadOnlyObjectProperty<DatasetSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
