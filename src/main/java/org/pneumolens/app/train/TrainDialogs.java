package org.pneumolens.app.train;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Train tab's file dialogs, behind an interface so view tests can answer them without a native dialog. */
interface TrainDialogs {
    Optional<Path> chooseDatasetFolder(Window owner, Path initial);

    Optional<Path> chooseModelFile(Window owner, String suggestedName);

    static TrainDialogs standard() {
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
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PneumoLens model (*.zip)", "*.zip"));
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
