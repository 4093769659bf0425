package org.pneumolens.app.common;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * Builds a tab's content the first time the tab is selected. A tab's content costs start-up time even while the tab
 * is hidden: its FXML is parsed, its classes loaded, and the TabPane's skin styles every tab's nodes before the
 * window first shows. For the Train tab that was about 0.4 s of the ~2.3 s of FX-thread work before the first show.
 */
public final class LazyTab {
    private LazyTab() {
    }

    /** Fills {@code tab} from {@code content} on its first selection (at once if it is already selected). */
    public static void fillOnFirstSelect(Tab tab, Supplier<? extends Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        ChangeListener<Boolean> once = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        };
        tab.selectedProperty().addListener(once);
    }
}
