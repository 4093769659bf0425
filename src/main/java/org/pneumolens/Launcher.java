package org.pneumolens;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.pneumolens.app.OpenTimingListener;
import org.pneumolens.app.PneumoLensApp;
import org.pneumolens.app.StartupListener;
import org.pneumolens.app.model.BundledModelPreload;
import org.pneumolens.bench.BenchCommand;
import org.pneumolens.bench.StartupReporter;
import org.pneumolens.bench.WindowOpenDriver;
import org.pneumolens.cli.PneumoLensCli;
import org.pneumolens.core.engine.NativeFolder;
import org.pneumolens.core.engine.NativeMemory;
import org.pneumolens.core.engine.OmpWaitPolicy;
import org.pneumolens.core.io.SerialFilter;

/**
 * Entry point of the jar and the installer. A class that extends {@code Application} cannot be the main class of
 * a plain class path ("JavaFX runtime components are missing"), so this one decides: a subcommand runs the
 * headless command line, anything else (nothing, or an image file) opens the window.
 *
 * <p>It is also the one place that wires the benchmark harness in ({@code bench} subcommand, start-up reporter):
 * the app and the command line know nothing of it (docs/decisions/0003-benchmark-harness-package.md).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        SerialFilter.rejectAll(); // first: nothing may deserialize Java objects, whatever a file holds
        NativeMemory.limit(); // before anything loads ND4J
        if (NativeFolder.configure() == NativeFolder.Choice.FILL) { // packaging only (packaging/native-folder.sh)
            System.exit(fillNativeFolder());
        }
        OmpWaitPolicy.preferPassive(); // before ND4J loads libgomp, which reads it once (decision 0018)
        if (args.length > 0 && (PneumoLensCli.SUBCOMMANDS.contains(args[0]) || BenchCommand.NAME.equals(args[0]))) {
            System.exit(PneumoLensCli.run(List.of(new BenchCommand()), args));
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
        // -Dpneumolens.exitWhenReady=true (packaging/cds-archive.sh): exit once ready, not on the FX thread, which
        // System.exit's shutdown may need.
        StartupReporter startup = StartupReporter.fromSystemProperties(
                () -> new Thread(() -> System.exit(0), "exit-when-ready").start());
        PneumoLensApp.launchWith(args, milestone -> {
            if (milestone == StartupListener.Milestone.WINDOW_SHOWN) {
                startup.windowShown();
            } else {
                startup.modelLoaded();
            }
        }, openTiming(WindowOpenDriver.fromSystemProperties()));
    }

    private static int fillNativeFolder() {
        try {
            System.out.println("native libraries copied into " + NativeFolder.fill());
            return 0;
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("cannot fill the native library folder: " + e);
            return 1;
        }
    }

    /** The benchmark's driver of opens in the window, when {@code -Dpneumolens.benchOpens} asks for it. */
    private static OpenTimingListener openTiming(WindowOpenDriver driver) {
        if (driver == null) {
            return OpenTimingListener.NONE;
        }
        return new OpenTimingListener() {
            @Override
            public void ready(Consumer<Path> open) {
                driver.ready(open);
            }

            @Override
            public void openRequested(Path file, long nanos) {
                driver.openRequested(file, nanos);
            }

            @Override
            public void shown(Path file, String verdict, long nanos) {
                driver.shown(file, verdict, nanos);
            }
        };
    }
}
