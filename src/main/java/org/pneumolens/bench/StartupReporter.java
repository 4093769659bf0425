package org.pneumolens.bench;

import java.io.PrintStream;
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
 */
public final class StartupReporter {
    public static final String PROPERTY = "pneumolens.reportStartup";
    public static final String MARKER = "PNEUMOLENS_READY";
    private static final int WINDOW = 1;
    private static final int MODEL = 2;
    private static final int BOTH = WINDOW | MODEL;

    private final boolean enabled;
    private final PrintStream out;
    private final LongSupplier clock;
    private final AtomicInteger reached = new AtomicInteger();

    StartupReporter(boolean enabled, PrintStream out, LongSupplier epochMillis) {
        this.enabled = enabled;
        this.out = out;
        this.clock = epochMillis;
    }

    /** Prints to standard output, and only if {@code -Dpneumolens.reportStartup=true}. */
    public static StartupReporter fromSystemProperties() {
        return fromSystemProperties(System::currentTimeMillis);
    }

    /** The same with another clock (the probe's tests). */
    static StartupReporter fromSystemProperties(LongSupplier epochMillis) {
        return new StartupReporter(Boolean.getBoolean(PROPERTY), System.out, epochMillis);
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
        int before = reached.getAndUpdate(s -> s | milestone);
        if (!enabled || before == BOTH || (before | milestone) != BOTH) {
            return false;
        }
        out.println(MARKER + " " + clock.getAsLong());
        out.flush();
        return true;
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
