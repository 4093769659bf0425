package org.pneumolens.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.pneumolens.core.Notices;

/** Help > User guide: a short text shipped with the app (user-guide.txt beside this class's views). */
final class HelpPages {
    private HelpPages() {
    }

    static String userGuideText() {
        try (InputStream in = HelpPages.class.getResourceAsStream("user-guide.txt")) {
            if (in == null) {
                throw new IllegalStateException("user-guide.txt missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() + "\n\n" + Notices.RESEARCH_USE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void userGuide(Window owner) {
        TextArea text = new TextArea(userGuideText());
        text.setEditable(false);
        text.setWrapText(true);
        text.setId("userGuideText");
        text.setPrefSize(680, 520);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("PneumoLens user guide");
        alert.setHeaderText("User guide");
        alert.getDialogPane().setContent(text);
        alert.setResizable(true);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
