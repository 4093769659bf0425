package org.pneumolens.app.train;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.pneumolens.app.common.AppSettings;

/** The Train tab's file dialogs, behind an interface so view tests can answer them without a native dialog. */
interface TrainDialogs {
    Optional<Path> chooseDatasetFolder(Window owner, Path initial);

    Optional<Path> chooseModelFile(Window owner, String suggestedName);

    /** The name stored in the model file; empty when the user cancelled. Tests keep the suggestion. */
    default Optional<String> nameModel(Window owner, String suggested) {
        return Optional.of(suggested);
    }

    /** Save dialogs start in the folder of the last saved model, else the user's documents folder. */
    static TrainDialogs standard(AppSettings settings) {
        return new TrainDialogs() {
            @Override
            public Optional<Path> chooseDatasetFolder(Window owner, Path initial) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle("Choose a dataset folder (class subfolders, or train/ and val/)");
                if (initial != null && initial.toFile().isDirectory()) {
                    chooser.setInitialDirectory(initial.toFile());
                }
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseModelFile(Window owner, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save model");
                chooser.setInitialFileName(suggestedName);
                chooser.setInitialDirectory(settings.folder(AppSettings.MODEL_FOLDER).toFile());
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PneumoLens model (*.zip)", "*.zip"));
                Optional<Path> chosen = Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
                chosen.map(Path::getParent).ifPresent(dir -> settings.put(AppSettings.MODEL_FOLDER, dir.toString()));
                return chosen;
            }

            @Override
            public Optional<String> nameModel(Window owner, String suggested) {
                TextInputDialog dialog = new TextInputDialog(suggested);
                dialog.setTitle("Save model");
                dialog.setHeaderText("Name this model (shown in the Diagnose tab and its model card)");
                dialog.setContentText("Name:");
                dialog.getEditor().setPrefColumnCount(36);
                if (owner != null) {
                    dialog.initOwner(owner);
                }
                return dialog.showAndWait().map(String::strip).map(n -> n.isEmpty() ? suggested : n);
            }
        };
    }
}
