package org.pneumolens.app.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After an export: a non-modal notification naming the file, with "Open folder"; nothing to dismiss. */
public final class SavedNotice {
    private static final Logger LOG = LoggerFactory.getLogger(SavedNotice.class);

    private SavedNotice() {
    }

    public static void show(Window owner, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Notifications.create().owner(owner).title("Saved")
                .text(file.getFileName() + " saved in " + dir).hideAfter(Duration.seconds(10))
                .action(new Action("Open folder", e -> openInFileManager(dir))).showInformation();
    }

    /** The desktop's file manager on {@code dir}, on a thread of its own (AWT's Desktop may block). */
    public static void openInFileManager(Path dir) {
        Thread t = new Thread(() -> {
            try {
                java.awt.Desktop.getDesktop().open(dir.toFile());
            } catch (Exception | Error ex) {
                LOG.warn("cannot open {}: {}", dir, ex.toString());
            }
        }, "pneumolens-open-folder");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Where a report's save dialog starts: beside the image when its folder can be written to, else the folder the
     * user last saved a report in, else the user's documents folder.
     */
    public static Path reportFolder(Optional<Path> remembered, Path image) {
        Path dir = image == null ? null : image.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir) && Files.isWritable(dir)) {
            return dir;
        }
        return remembered.filter(Files::isDirectory).orElseGet(AppSettings::documents);
    }
}
