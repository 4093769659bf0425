package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/** The overlay's colour scale as a horizontal gradient, built from the same stops as {@link ColorMap}. */
final class Legend {
    private Legend() {
    }

    static LinearGradient gradient() {
        int[] stops = ColorMap.stops();
        List<Stop> out = new ArrayList<>();
        for (int i = 0; i < stops.length; i++) {
            int rgb = stops[i];
            out.add(new Stop(i / (double) (stops.length - 1), Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff)));
        }
        return new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, out);
    }

    static Background background() {
        return new Background(new BackgroundFill(gradient(), null, null));
    }
}
