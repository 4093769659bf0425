package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.pneumolens.app.FxTestSupport.onFx;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.FxTestSupport;

class LazyTabTest {
    private final AtomicInteger built = new AtomicInteger();
    private final Label content = new Label("train");

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    private Label build() {
        built.incrementAndGet();
        return content;
    }

    @Test
    void theContentIsBuiltOnTheFirstSelectionOnly() throws Exception {
        Tab first = new Tab("Diagnose");
        Tab lazy = new Tab("Train");
        TabPane pane = onFx(() -> new TabPane(first, lazy));
        onFx(() -> LazyTab.fillOnFirstSelect(lazy, this::build));
        assertEquals(0, built.get());
        assertNull(lazy.getContent());

        onFx(() -> pane.getSelectionModel().select(lazy));
        assertEquals(1, built.get());
        assertSame(content, lazy.getContent());

        onFx(() -> pane.getSelectionModel().select(first));
        onFx(() -> pane.getSelectionModel().select(lazy));
        assertEquals(1, built.get(), "built once, then kept");
    }

    @Test
    void anAlreadySelectedTabIsFilledAtOnce() throws Exception {
        Tab lazy = new Tab("Train");
        onFx(() -> new TabPane(lazy)); // the only tab: selected
        onFx(() -> LazyTab.fillOnFirstSelect(lazy, this::build));
        assertEquals(1, built.get());
        assertSame(content, lazy.getContent());
    }
}
