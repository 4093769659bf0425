package org.pneumolens.app;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** The window's keyboard shortcuts, listed once: MainController acts on them, Help > Keyboard shortcuts shows them. */
final class Shortcuts {
    /** Pixels of the view an arrow key moves the image (ten times with Shift). */
    static final double PAN_STEP = 40;

    record Key(String keys, String action) {
    }

    static final List<Key> ALL = List.of(
            new Key("Ctrl+O", "Open an image"),
            new Key("Ctrl+E", "Export a report of what is on screen (PNG)"),
            new Key("Ctrl+Shift+E", "Export a report of what is on screen as PDF"),
            new Key("Ctrl+Q", "Quit (asks first during a training run or with an unsaved model)"),
            new Key("F1", "This list"),
            new Key("", "Diagnose tab (not while typing in a field):"),
            new Key("O", "Overlay on/off"),
            new Key("C / Shift+C", "Evidence for the next / previous class"),
            new Key("I", "Invert the grey scale"),
            new Key("R", "Reset: full range, not inverted, fitted"),
            new Key("+ / -", "Zoom in / out (also the mouse wheel)"),
            new Key("0", "Fit the image to the view (also double-click)"),
            new Key("Arrow keys", "Pan the image (Shift: faster; also left-drag)"),
            new Key("Right-drag", "Window (sideways) and level (up and down)"),
            new Key("PgDn / PgUp", "Next / previous image of the Worklist, in its order (also J / K)"),
            new Key("", "Worklist tab:"),
            new Key("Up/Down, J/K", "Step through the list; once a row was opened, the Diagnose tab follows"),
            new Key("Enter", "Open the selected row in the Diagnose tab (also double-click)"));

    private Shortcuts() {
    }

    /** Controls that move with the arrow keys themselves: arrows are theirs while they have the focus. */
    static boolean usesArrows(Node focus) {
        return focus instanceof Slider || focus instanceof Spinner || focus instanceof ListView
                || focus instanceof ComboBox || focus instanceof ChoiceBox || focus instanceof TableView;
    }

    static String text() {
        StringBuilder s = new StringBuilder();
        for (Key k : ALL) {
            s.append(k.keys().isEmpty() ? "\n" + k.action() : String.format("%-14s %s", k.keys(), k.action()))
                    .append('\n');
        }
        return s.toString().strip();
    }

    static void show(Window owner) {
        TextArea text = new TextArea(text());
        text.setEditable(false);
        text.setId("shortcutsText");
        text.getStyleClass().add("shortcuts-text");
        text.setPrefSize(560, 360);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStylesheets().add(Shortcuts.class.getResource("main.css").toExternalForm());
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
