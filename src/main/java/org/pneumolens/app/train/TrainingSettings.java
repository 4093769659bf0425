package org.pneumolens.app.train;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.pneumolens.core.train.TrainingConfig;

/**
 * The hyperparameters the user edits, starting at {@link TrainingConfig#DEFAULTS}. Object properties (not
 * {@code IntegerProperty}) because spinners bind bidirectionally to {@code ObjectProperty<Integer>}, and an
 * {@code asObject()} adapter is only weakly held by such a binding.
 */
public final class TrainingSettings {
    private static final TrainingConfig D = TrainingConfig.DEFAULTS;

    private final ObjectProperty<Integer> epochs = new SimpleObjectProperty<>(this, "epochs", D.epochs());
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(this, "batchSize", D.batchSize());
    private final ObjectProperty<Double> learningRate = new SimpleObjectProperty<>(this, "learningRate", D.learningRate());
    private final ObjectProperty<Integer> inputSize = new SimpleObjectProperty<>(this, "inputSize", D.inputSize());
    private final BooleanProperty augmentation = new SimpleBooleanProperty(this, "augmentation", D.augmentation());
    private final BooleanProperty classWeights = new SimpleBooleanProperty(this, "classWeights", D.classWeights());
    private final ObjectProperty<Integer> patience = new SimpleObjectProperty<>(this, "patience", D.patience());

    /** The run's configuration; validation fraction, seed, label smoothing and width stay at their defaults. */
    public TrainingConfig toConfig() {
        return new TrainingConfig(epochs.get(), batchSize.get(), learningRate.get(), inputSize.get(),
                augmentation.get(), classWeights.get(), patience.get(), D.valFraction(), D.seed(),
                D.labelSmoothing(), D.width());
    }

    public double valFraction() {
        return D.valFraction();
    }

    public ObjectProperty<Integer> epochsProperty() {
        return epochs;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Double> learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<Integer> inputSizeProperty() {
        return inputSize;
    }

    public BooleanProperty augmentationProperty() {
        return augmentation;
    }

    public BooleanProperty classWeightsProperty() {
        return classWeights;
    }

    public ObjectProperty<Integer> patienceProperty() {
        return patience;
    }
}
