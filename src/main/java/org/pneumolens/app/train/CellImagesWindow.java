package org.pneumolens.app.train;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.pneumolens.core.train.ValPrediction;

/**
 * The validation images of a confusion-matrix cell as thumbnails with their probabilities, each with a button
 * that opens it in the Diagnose tab. One window, reused for every cell clicked. Thumbnails load in JavaFX's
 * background image loader at thumbnail size, never on the FX thread.
 */
final class CellImagesWindow {
    static final int THUMB = 128;

    private final Consumer<Path> open;
    private Stage stage;

    /** @param open opens an image in the Diagnose tab */
    CellImagesWindow(Consumer<Path> open) {
        this.open = open;
    }

    void show(Window owner, CellImages cell) {
        Parent content = content(cell);
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setScene(new Scene(content, 760, 560));
        } else {
            stage.getScene().setRoot(content);
        }
        stage.setTitle("PneumoLens - " + cell.title());
        stage.show();
        stage.toFront();
    }

    Parent content(CellImages cell) {
        FlowPane tiles = new FlowPane(10, 10);
        tiles.setId("cellTiles");
        tiles.getStyleClass().add("cell-tiles");
        for (ValPrediction v : cell.images()) {
            tiles.getChildren().add(tile(cell, v));
        }
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        String more = cell.total() > cell.images().size()
                ? " (showing the " + cell.images().size() + " most confident)" : "";
        Label title = new Label(cell.title() + more);
        title.setId("cellTitle");
        title.getStyleClass().add("section-title");
        Label hint = new Label(cell.total() == 0 ? "No validation image falls in this cell."
                : "Most confident first. Open one in the Diagnose tab to see where the model looked.");
        hint.setWrapText(true);
        BorderPane root = new BorderPane(scroll, new VBox(4, title, hint), null, null, null);
        root.getStyleClass().addAll("train-tab", "cell-images");
        root.getStylesheets().addAll(CellImagesWindow.class.getResource("/org/pneumolens/app/tokens.css").toExternalForm(),
                CellImagesWindow.class.getResource("train.css").toExternalForm());
        return root;
    }

    private VBox tile(CellImages cell, ValPrediction v) {
        ImageView thumb = new ImageView(new Image(v.path().toUri().toString(), THUMB, THUMB, true, true, true));
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        Label caption = new Label(cell.caption(v));
        caption.getStyleClass().add("cell-caption");
        Label name = new Label(v.path().getFileName().toString());
        name.getStyleClass().add("cell-name");
        name.setMaxWidth(THUMB);
        name.setTooltip(new Tooltip(v.path().toString()));
        Button openButton = new Button("Open in Diagnose");
        openButton.getStyleClass().add("cell-open");
        openButton.setOnAction(e -> open.accept(v.path()));
        VBox tile = new VBox(4, thumb, caption, name, openButton);
        tile.getStyleClass().add("cell-tile");
        tile.setUserData(v.path());
        return tile;
    }
}
