package org.pneumolens.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.UserMessages;
import org.pneumolens.core.check.DatasetCheck;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;

/**
 * The Train tab's input check of a dataset: after a folder is scanned, the bundled model's check screens every
 * image (on the training executor), so a folder of screenshots or exported reports does not silently become a
 * class; the tab says how many of each class it refuses and can leave them out of the run.
 */
public final class DatasetScreen {
    /** Training images each class must keep when the refused ones are left out. */
    static final int MIN_KEPT_PER_CLASS = 2;

    private final TaskExecutor executor;
    private final Supplier<PneumoModel> checker;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper anyRefused = new ReadOnlyBooleanWrapper(this, "anyRefused");
    private final BooleanProperty leaveOut = new SimpleBooleanProperty(this, "leaveOut", false);
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");
    private BackgroundTask<Screened> task;
    private Dataset screened;
    private Screened result;

    /** Both sets' checks; {@code val} null without a val folder. */
    record Screened(DatasetCheck train, DatasetCheck val) {
    }

    /** @param checker the model whose check screens (the bundled one in the window); called on the executor */
    DatasetScreen(TaskExecutor executor, Supplier<PneumoModel> checker) {
        this.executor = executor;
        this.checker = checker;
        leaveOut.addListener((o, was, now) -> blocker.set(result == null ? "" : blocker(result, now)));
    }

    /** The bundled model, loaded once (it takes seconds) on the first screen. */
    static Supplier<PneumoModel> bundled() {
        PneumoModel[] model = new PneumoModel[1];
        return () -> {
            synchronized (model) {
                if (model[0] == null) {
                    try {
                        model[0] = BundledModel.load();
                    } catch (Exception e) {
                        throw new IllegalStateException("the bundled model did not load: " + e.getMessage(), e);
                    }
                }
                return model[0];
            }
        };
    }

    /** Screens a newly scanned dataset (null clears); an earlier screen still running is cancelled. */
    void screen(Dataset data) {
        cancel();
        screened = data;
        result = null;
        anyRefused.set(false);
        blocker.set("");
        if (data == null) {
            summary.set("");
            return;
        }
        summary.set("Input check: checking the images...");
        checking.set(true);
        BackgroundTask<Screened> t = new BackgroundTask<>() {
            @Override
            protected Screened call() throws Exception {
                PneumoModel m = checker.get();
                if (m.inputCheck().isEmpty()) {
                    return null;
                }
                DatasetCheck train = DatasetCheck.screen(m, data.train(), this::isCancelled, done -> { });
                DatasetCheck val = data.val() == null ? null
                        : DatasetCheck.screen(m, data.val(), this::isCancelled, done -> { });
                return new Screened(train, val);
            }
        };
        task = t;
        t.onSuccess(s -> {
            if (t == task && data == screened) {
                checking.set(false);
                result = s;
                summary.set(s == null ? "Input check: the bundled model has none; images not checked" : describe(s));
                anyRefused.set(s != null && (s.train.refused() > 0 || s.val != null && s.val.refused() > 0));
                blocker.set(s == null ? "" : blocker(s, leaveOut.get()));
            }
        }).onFailure(e -> {
            if (t == task) {
                checking.set(false);
                summary.set("Input check: could not check the images: " + UserMessages.describe(e));
            }
        }).onCancelled(() -> {
            if (t == task) {
                checking.set(false);
                summary.set("Input check: not finished (training started first); images not checked");
            }
        });
        executor.execute(t);
    }

    /** Stops a screen in progress (a run is about to start: it must not wait behind the check). */
    void cancel() {
        if (task != null && checking.get()) {
            task.cancel();
        }
    }

    /** E.g. "Input check (bundled model) refuses 3 of 120 training images (NORMAL 1, PNEUMONIA 2); val 0 of 40". */
    static String describe(Screened s) {
        StringBuilder sb = new StringBuilder("Input check (bundled model) refuses ")
                .append(line(s.train, s.train.kept().images().size() + s.train.refused())).append(" training images");
        if (s.val != null) {
            sb.append("; ").append(line(s.val, s.val.kept().images().size() + s.val.refused())).append(" validation");
        }
        if (!s.train.examples().isEmpty()) {
            sb.append(". E.g. ").append(String.join("; ", s.train.examples().subList(0,
                    Math.min(2, s.train.examples().size()))));
        }
        return sb.toString();
    }

    private static String line(DatasetCheck c, int total) {
        StringBuilder sb = new StringBuilder().append(c.refused()).append(" of ").append(total);
        if (c.refused() > 0) {
            sb.append(" (");
            for (Map.Entry<String, Integer> e : c.refusedPerClass().entrySet()) {
                sb.append(e.getKey()).append(' ').append(e.getValue()).append(", ");
            }
            sb.setLength(sb.length() - 2);
            sb.append(')');
        }
        return sb.toString();
    }

    /**
     * Why Start stays disabled, or "" when it need not: a class whose images the check mostly refuses (more than
     * half, training and validation together) is probably not a class of radiographs at all, unless the user
     * leaves the refused images out and every class keeps at least {@link #MIN_KEPT_PER_CLASS} training images.
     */
    static String blocker(Screened s, boolean leaveOut) {
        List<String> mostly = new ArrayList<>();
        for (String cls : s.train.kept().classes()) {
            int refused = refused(s.train, cls) + (s.val == null ? 0 : refused(s.val, cls));
            int total = refused + kept(s.train, cls) + (s.val == null ? 0 : kept(s.val, cls));
            if (2 * refused > total) {
                mostly.add("'" + cls + "' (" + refused + " of " + total + ")");
            }
        }
        if (mostly.isEmpty()) {
            return "";
        }
        List<String> tooFew = s.train.kept().classes().stream()
                .filter(cls -> kept(s.train, cls) < MIN_KEPT_PER_CLASS).toList();
        if (leaveOut && tooFew.isEmpty()) {
            return "";
        }
        String why = "Most images in " + String.join(", ", mostly) + (mostly.size() == 1 ? " do" : " each do")
                + " not look like chest radiographs; remove the folder or choose the dataset folder";
        if (!leaveOut) {
            return why + (tooFew.isEmpty() ? " (or leave out the images the input check refuses)" : "");
        }
        return why + "; leaving the refused images out keeps fewer than " + MIN_KEPT_PER_CLASS
                + " training images in '" + String.join("', '", tooFew) + "'";
    }

    private static int refused(DatasetCheck c, String cls) {
        return c.refusedPerClass().getOrDefault(cls, 0);
    }

    private static int kept(DatasetCheck c, String cls) {
        return c.kept().counts().getOrDefault(cls, 0);
    }

    /** The dataset a run uses: with the refused images left out when the user asked and the check has finished. */
    Dataset apply(Dataset data) {
        if (!leaveOut.get() || result == null || data != screened) {
            return data;
        }
        return new Dataset(result.train.kept(), result.val == null ? null : result.val.kept());
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Non-empty while the check's result forbids a run (see {@link #blocker(Screened, boolean)}). */
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** True once the check has refused at least one image: the "leave them out" option applies. */
    public ReadOnlyBooleanProperty anyRefusedProperty() {
        return anyRefused.getReadOnlyProperty();
    }

    public BooleanProperty leaveOutProperty() {
        return leaveOut;
    }
}
