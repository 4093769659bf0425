package org.pneumolens.app.diagnose;

import java.awt.image.BufferedImage;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.pneumolens.core.card.CardCharts;
import org.pneumolens.core.card.ModelCard;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model > Model card...: the loaded model's own card ({@link ModelCard}, generated from its metadata, the same
 * document `card` writes as Markdown) laid out as sections, tables and its reliability diagram and ROC. A model
 * trained in the app shows what it was trained on, not the bundled model's text.
 */
public final class ModelCardDialog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCardDialog.class);
    private static final double CHART_SIZE = 320;

    private ModelCardDialog() {
    }

    public static void show(Window owner, PneumoModel model, String source) {
        ScrollPane scroll = new ScrollPane(content(model, source));
        scroll.setFitToWidth(true);
        scroll.setPrefSize(760, 620);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Model card");
        alert.setHeaderText(model.metadata().name());
        alert.getDialogPane().setContent(scroll);
        alert.getDialogPane().getStylesheets().addAll(
                ModelCardDialog.class.getResource("/org/pneumolens/app/tokens.css").toExternalForm(),
                ModelCardDialog.class.getResource("diagnose.css").toExternalForm());
        alert.setResizable(true);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }

    /** The card as nodes: one header per section, paragraphs, bullet lists, tables as grids, the two charts. */
    static VBox content(PneumoModel model, String source) {
        ModelCard card = ModelCard.of(model.metadata(), model.inputCheck().orElse(null), null);
        VBox box = new VBox(6);
        box.setId("modelCard");
        box.getStyleClass().add("model-card");
        box.getChildren().add(wrapped("Loaded from: " + source, "card-note"));
        for (ModelCard.Section section : card.sections()) {
            box.getChildren().add(wrapped(section.title(), "card-section"));
            for (ModelCard.Block block : section.blocks()) {
                Node n = node(block, model);
                if (n != null) {
                    box.getChildren().add(n);
                }
            }
        }
        return box;
    }

    private static Node node(ModelCard.Block block, PneumoModel model) {
        if (block instanceof ModelCard.Paragraph p) {
            return wrapped(p.text(), "card-text");
        }
        if (block instanceof ModelCard.Bullets b) {
            VBox list = new VBox(2);
            b.items().forEach(i -> list.getChildren().add(wrapped("\u2022 " + i, "card-text")));
            return list;
        }
        if (block instanceof ModelCard.Table t) {
            return table(t);
        }
        if (block instanceof ModelCard.Image i) {
            return chart(i, model);
        }
        return null;
    }

    private static GridPane table(ModelCard.Table t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("card-table");
        grid.setHgap(12);
        grid.setVgap(2);
        boolean header = t.header().stream().anyMatch(h -> !h.isEmpty());
        int row = 0;
        if (header) {
            addRow(grid, row++, t.header(), "card-table-header");
        }
        for (List<String> r : t.rows()) {
            addRow(grid, row++, r, "card-text");
        }
        return grid;
    }

    private static void addRow(GridPane grid, int row, List<String> cells, String style) {
        for (int c = 0; c < cells.size(); c++) {
            Label l = wrapped(cells.get(c), style);
            l.setMaxWidth(c == cells.size() - 1 ? 460 : 260);
            grid.add(l, c, row);
        }
    }

    /** The reliability diagram or ROC, drawn from the model's calibration figures; nothing if it has none. */
    private static Node chart(ModelCard.Image image, PneumoModel model) {
        try {
            BufferedImage img = ModelCard.ROC_PNG.equals(image.file())
                    ? CardCharts.roc(model.calibration(), model.metadata().threshold())
                    : CardCharts.reliability(model.calibration());
            ImageView view = new ImageView(SwingFXUtils.toFXImage(img, null));
            view.setFitWidth(CHART_SIZE);
            view.setPreserveRatio(true);
            view.setId(ModelCard.ROC_PNG.equals(image.file()) ? "modelCardRoc" : "modelCardReliability");
            return new VBox(2, view, wrapped(image.caption(), "card-note"));
        } catch (RuntimeException e) {
            // An older model file without calibration figures: its card says so in words.
            LOG.debug("no chart {} for this model: {}", image.file(), e.getMessage());
            return null;
        }
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }
}
