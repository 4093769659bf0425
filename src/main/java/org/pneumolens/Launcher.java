package org.pneumolens;

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

    public static void main(String[] args) {
        NativeMemory.limit(); // before anything loads ND4J
        if (args.length > 0 && PneumoLensCli.SUBCOMMANDS.contains(args[0])) {
            System.exit(PneumoLensCli.run(args));
        }
        org.pneumolens.app.model.BundledModelPreload.start(); // overlaps ND4J's start with the window's
        org.pneumolens.app.PneumoLensApp.launchWith(args);
    }
}
