package org.pneumolens.app.diagnose;

import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

/**
 * A number field for the viewer's window or level: shows the fraction held by the viewer as a display value
 * (0-255), and sets the fraction when the user types or steps. Kept in step both ways by listeners (a double
 * fraction and a whole display value do not bind bidirectionally).
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

    static void bind(Spinner<Integer> field, DoubleProperty fraction, int min) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, WindowPresets.MAX,
                toDisplay(fraction.get()), 1);
        field.setValueFactory(factory);
        boolean[] updating = new boolean[1];
        fraction.addListener((obs, old, f) -> {
            if (!updating[0]) {
                updating[0] = true;
                factory.setValue(Math.max(min, toDisplay(f.doubleValue())));
                updating[0] = false;
            }
        });
        factory.valueProperty().addListener((obs, old, v) -> {
            if (!updating[0] && v != null) {
                updating[0] = true;
                fraction.set(toFraction(v));
                updating[0] = false;
            }
        });
    }
}
