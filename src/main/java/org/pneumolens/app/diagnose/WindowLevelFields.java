package org.pneumolens.app.diagnose;

import javafx.beans.property.DoubleProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

/**
 * A number field for the viewer's window or level: shows the fraction held by the viewer in the image's units
 * ({@link WindowScale}: 0-255 display values, or a DICOM file's own values), and sets the fraction when the user
 * types or steps. Kept in step both ways by listeners (a double fraction and a whole value do not bind
 * bidirectionally); a new scale (another image) resets the field's range.
 */
final class WindowLevelFields {
    private WindowLevelFields() {
    }

    static int toDisplay(double fraction) {
        return (int) Math.round(Math.max(0, Math.min(1, fraction)) * WindowPresets.MAX);
    }

    static double toFraction(int display) {
        return display / (double) WindowPresets.MAX;
    }

    /** The fraction as a whole value of {@code scale}: a width when {@code width}, else a level. */
    static int toValue(WindowScale scale, double fraction, boolean width) {
        double f = Math.max(0, Math.min(1, fraction));
        return (int) Math.round(width ? scale.widthValue(f) : scale.levelValue(f));
    }

    static double toFraction(WindowScale scale, int value, boolean width) {
        return width ? scale.widthFraction(value) : scale.levelFraction(value);
    }

    static void bind(Spinner<Integer> field, DoubleProperty fraction, ObservableValue<WindowScale> scale,
                     boolean width) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, WindowPresets.MAX, 0, 1);
        field.setValueFactory(factory);
        boolean[] updating = new boolean[1];
        Runnable range = () -> {
            WindowScale s = scale.getValue();
            updating[0] = true;
            factory.setMin(width ? (int) Math.ceil(s.minWidth()) : (int) Math.floor(s.low()));
            factory.setMax(width ? (int) Math.ceil(s.span()) : (int) Math.ceil(s.high()));
            factory.setAmountToStepBy(Math.max(1, (int) Math.round(s.span() / 256)));
            factory.setValue(toValue(s, fraction.get(), width));
            updating[0] = false;
        };
        range.run();
        scale.addListener((obs, old, s) -> range.run());
        fraction.addListener((obs, old, f) -> {
            if (!updating[0]) {
                updating[0] = true;
                factory.setValue(toValue(scale.getValue(), f.doubleValue(), width));
                updating[0] = false;
            }
        });
        factory.valueProperty().addListener((obs, old, v) -> {
            if (!updating[0] && v != null) {
                updating[0] = true;
                fraction.set(toFraction(scale.getValue(), v, width));
                updating[0] = false;
            }
        });
    }
}
