package org.pneumolens.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What lets {@code startup_ms} be measured from outside the app: with {@code -Dpneumolens.reportStartup=true}, once
 * the window is shown AND the model is loaded, one line {@code PNEUMOLENS_READY <epoch-ms>} goes to standard
 * output. Without the property it does nothing.
 *
 * <p>The app does not call this class: it announces its milestones to an {@code app.StartupListener}, and the entry
 * point ({@code org.pneumolens.Launcher}) forwards them to {@link #windowShown()} and {@link #modelLoaded()}, which
 * may come in either order and from any thread; the line is printed by whichever comes second, exactly once. No
 * JavaFX here: the launcher measuring it ({@link StartupProbe}, {@code bench/startup.sh}) only reads the line.
 *
 * <p>Two more switches, for looking into start-up and for the packaging step: with {@code reportStartup} a second
 * line {@code PNEUMOLENS_MILESTONES window_shown_ms=A model_loaded_ms=B} follows, each counted from the JVM's
 * start (its own record, read only after the ready line: reading it loads java.management); and with
 * {@code -Dpneumolens.exitWhenReady=true} the entry point's exit action runs once both milestones are reached (the
 * run that records the class list for the packaged app's class-data archive).
 */
public final class StartupReporter {
    public static final String PROPERTY = "pneumolens.reportStartup";
    public static final String MARKER = "PNEUMOLENS_READY";
    public static final String MILESTONES_MARKER = "PNEUMOLENS_MILESTONES";
    public static final String EXIT_PROPERTY = "pneumolens.exitWhenReady";
    private static final int WINDOW = 1;
    private static final int MODEL = 2;
    private static final int BOTH = WINDOW | MODEL;

    private final boolean enabled;
    private final PrintStream out;
    private final LongSupplier clock;
    private final AtomicInteger reached = new AtomicInteger();
    private final boolean milestones;
    private final Runnable onReady;
    private volatile long windowAt;
    private volatile long modelAt;

    StartupReporter(boolean enabled, PrintStream out, LongSupplier epochMillis) {
        this(enabled, false, out, epochMillis, () -> { });
    }

    /** {@code milestones}: also print when each came; {@code onReady} runs once both have come. */
    StartupReporter(boolean enabled, boolean milestones, PrintStream out, LongSupplier epochMillis, Runnable onReady) {
        this.enabled = enabled;
        this.milestones = milestones;
        this.out = out;
        this.clock = epochMillis;
        this.onReady = onReady;
    }

    /** Prints to standard output, and only if {@code -Dpneumolens.reportStartup=true}. */
    public static StartupReporter fromSystemProperties() {
        return fromSystemProperties(() -> { });
    }

    /** The same, and runs {@code exit} once ready if {@code -Dpneumolens.exitWhenReady=true}. */
    public static StartupReporter fromSystemProperties(Runnable exit) {
        return fromSystemProperties(System::currentTimeMillis, exit);
    }

    /** The same with another clock (the probe's tests). */
    static StartupReporter fromSystemProperties(LongSupplier epochMillis) {
        return fromSystemProperties(epochMillis, () -> { });
    }

    private static StartupReporter fromSystemProperties(LongSupplier epochMillis, Runnable exit) {
        boolean enabled = Boolean.getBoolean(PROPERTY);
        Runnable onReady = Boolean.getBoolean(EXIT_PROPERTY) ? exit : () -> { };
        return new StartupReporter(enabled, enabled, System.out, epochMillis, onReady);
    }

    /** The main window has been shown. */
    public void windowShown() {
        reach(WINDOW);
    }

    /** The model the window will use is loaded. */
    public void modelLoaded() {
        reach(MODEL);
    }

    /** @return true if this call printed the line */
    boolean reach(int milestone) {
        long now = clock.getAsLong();
        if ((milestone & WINDOW) != 0 && windowAt == 0) {
            windowAt = now;
        }
        if ((milestone & MODEL) != 0 && modelAt == 0) {
            modelAt = now;
        }
        int before = reached.getAndUpdate(s -> s | milestone);
        if (before == BOTH || (before | milestone) != BOTH) {
            return false;
        }
        boolean printed = false;
        if (enabled) {
            out.println(MARKER + " " + now);
            if (milestones) {
                out.flush();
                out.println(milestonesLine(ManagementFactory.getRuntimeMXBean().getStartTime(), windowAt, modelAt));
            }
            out.flush();
            printed = true;
        }
        onReady.run();
        return printed;
    }

    /** {@code PNEUMOLENS_MILESTONES window_shown_ms=A model_loaded_ms=B}, from {@code start} (epoch ms). */
    static String milestonesLine(long start, long windowAt, long modelAt) {
        return MILESTONES_MARKER + " window_shown_ms=" + (windowAt - start) + " model_loaded_ms=" + (modelAt - start);
    }

    /** The epoch milliseconds of a {@code PNEUMOLENS_READY <ms>} line, or empty for any other line. */
    public static OptionalLong parse(String line) {
        String t = line == null ? "" : line.trim();
        if (!t.startsWith(MARKER + " ")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t.substring(MARKER.length() + 1).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
