package org.pneumolens;

import org.pneumolens.app.PneumoLensApp;
import org.pneumolens.app.model.BundledModelPreload;
import org.pneumolens.cli.PneumoLensCli;
import org.pneumolens.core.model.NativeMemory;

/**
 * Entry point of the jar and the installer. A class that extends {@code Application} cannot be the main class of
 * a plain class path ("JavaFX runtime components are missing"), so this one decides: a subcommand runs the
 * headless command line, anything else (nothing, or an image file) opens the window.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        NativeMemory.limit(); // before anything loads ND4J
        if (args.length > 0 && PneumoLensCli.SUBCOMMANDS.contains(args[0])) {
            System.exit(PneumoLensCli.run(args));
        }
        // The window reports progress in itself: a terminal shows only warnings and errors (not each epoch).
        // slf4j-simple takes a system property over simplelogger.properties; -D on the command line still wins.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.pneumolens") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.pneumolens", "warn");
        }
        // The model loads while the window starts; but ND4J's native start must come before JavaFX's, whose
        // native libraries would otherwise deadlock with it (see core.engine.Nd4jStart).
        BundledModelPreload.start();
        BundledModelPreload.awaitNativeStart();
        PneumoLensApp.launchWith(args);
    }
}
