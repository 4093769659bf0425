package org.pneumolens.app.train;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;

/**
 * A strip of a few thumbnails per class of the scanned training folder, so the user sees what each class holds
 * before a long run (a class of screenshots or of the wrong body part shows at a glance). Thumbnails load in
 * JavaFX's background image loader at thumbnail size.
 */
final class ClassStrips {
    static final int PER_CLASS = 5;
    static final int SIZE = 52;

    private ClassStrips() {
    }

    static List<Node> of(ImageSet train) {
        List<String> classes = train.classes();
        return java.util.stream.IntStream.range(0, classes.size()).<Node>mapToObj(c -> {
            List<LabeledImage> some = train.images().stream().filter(i -> i.label() == c).limit(PER_CLASS).toList();
            HBox thumbs = new HBox(4);
            thumbs.setId("strip-" + classes.get(c));
            thumbs.getStyleClass().add("class-strip");
            for (LabeledImage img : some) {
                ImageView v = new ImageView(new Image(img.path().toUri().toString(), SIZE, SIZE, true, true, true));
                v.setFitWidth(SIZE);
                v.setFitHeight(SIZE);
                v.setPreserveRatio(true);
                Tooltip.install(v, new Tooltip(img.path().getFileName().toString()));
                thumbs.getChildren().add(v);
            }
            Label name = new Label(classes.get(c));
            name.getStyleClass().add("minor-title");
            return new VBox(2, name, thumbs);
        }).toList();
    }
}
