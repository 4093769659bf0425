package org.pneumolens.app.train;

import java.math.BigDecimal;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/** Binds the hyperparameter controls to {@link TrainingSettings}; ranges match {@code TrainingConfig}'s checks. */
final class SettingsForm {
    /** Learning rates offered: Adam is usually tuned on a log scale, so an additive step would be useless. */
    static final List<Double> LEARNING_RATES = List.of(1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2);

    private SettingsForm() {
    }

    static void bind(TrainingSettings s, Spinner<Integer> epochs, Spinner<Integer> batch, Spinner<Double> lr,
                     Spinner<Integer> size, Spinner<Integer> patience, CheckBox augment, CheckBox weights) {
        integer(epochs, 1, 500, 1, s.epochsProperty());
        integer(batch, 1, 1024, 8, s.batchSizeProperty());
        integer(size, 32, 512, 16, s.inputSizeProperty());
        integer(patience, 0, 100, 1, s.patienceProperty());
        var rates = FXCollections.observableArrayList(LEARNING_RATES);
        if (!rates.contains(s.learningRateProperty().get())) {
            rates.add(s.learningRateProperty().get());
            rates.sort(Double::compare);
        }
        var lrFactory = new SpinnerValueFactory.ListSpinnerValueFactory<>(rates);
        lrFactory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : BigDecimal.valueOf(d).toPlainString();
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.trim());
            }
        });
        lr.setValueFactory(lrFactory);
        lrFactory.valueProperty().bindBidirectional(s.learningRateProperty());
        augment.selectedProperty().bindBidirectional(s.augmentationProperty());
        weights.selectedProperty().bindBidirectional(s.classWeightsProperty());
    }

    private static void integer(Spinner<Integer> spinner, int min, int max, int step, ObjectProperty<Integer> value) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get(), step);
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        factory.valueProperty().bindBidirectional(value);
        // JavaFX 18+ commits typed text when the field loses focus, e.g. when Start is clicked.
    }
}
