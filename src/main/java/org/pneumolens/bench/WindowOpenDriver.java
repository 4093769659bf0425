package org.pneumolens.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The window's side of {@code window_open_ms}: with {@code -Dpneumolens.benchOpens=DIR}, once the window is ready
 * it opens the {@code *.jpeg} files of DIR one after the other through the opener the app hands over (the Diagnose
 * tab's view-model, as File > Open does), waits for each result's frame, and prints one line per open,
 * {@code PNEUMOLENS_OPEN <index> <ms> <file name> <verdict>}, then {@code PNEUMOLENS_OPENS_DONE}. Index 0 is the
 * first image after start (cold), opened {@value #FIRST_OPEN_PAUSE_MS} ms after the window is ready (shown, model
 * loaded): about the least a user takes to reach File > Open and pick a file, and what the app's warm-up of the
 * model may use ({@code -Dpneumolens.benchOpens.firstPauseMs=0} opens at once). {@code
 * -Dpneumolens.benchOpens.count=N} opens in all (cycling the files).
 *
 * <p>The app does not call this class: the entry point forwards an {@code app.OpenTimingListener}'s calls to
 * {@link #ready}, {@link #openRequested} and {@link #shown}. No JavaFX here.
 */
public final class WindowOpenDriver {
    public static final String PROPERTY = "pneumolens.benchOpens";
    public static final String COUNT_PROPERTY = "pneumolens.benchOpens.count";
    public static final String FIRST_PAUSE_PROPERTY = "pneumolens.benchOpens.firstPauseMs";
    public static final long FIRST_OPEN_PAUSE_MS = 1500;
    public static final String LINE = "PNEUMOLENS_OPEN";
    public static final String DONE = "PNEUMOLENS_OPENS_DONE";
    /** Between opens: the last frame is drawn and the user's next click is not instant either. */
    private static final long PAUSE_MS = 150;
    private static final long OPEN_TIMEOUT_S = 120;

    private final Path folder;
    private final int count;
    private final long firstPauseMs;
    private final PrintStream out;
    private final BlockingQueue<long[]> shownTimes = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<String> verdicts = new ArrayBlockingQueue<>(1);
    private volatile long requestedAt;

    WindowOpenDriver(Path folder, int count, long firstPauseMs, PrintStream out) {
        this.folder = folder;
        this.count = count;
        this.firstPauseMs = firstPauseMs;
        this.out = out;
    }

    /** The driver the system properties ask for, or null when {@value #PROPERTY} is not set. */
    public static WindowOpenDriver fromSystemProperties() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        return new WindowOpenDriver(Path.of(dir), Integer.getInteger(COUNT_PROPERTY, 46),
                Long.getLong(FIRST_PAUSE_PROPERTY, FIRST_OPEN_PAUSE_MS), System.out);
    }

    /** The window can open images: start opening them, on a thread of our own (never the FX thread). */
    public void ready(Consumer<Path> open) {
        Thread t = new Thread(() -> run(open), "bench-window-opens");
        t.setDaemon(true);
        t.start();
    }

    public void openRequested(Path file, long nanos) {
        requestedAt = nanos;
    }

    public void shown(Path file, String verdict, long nanos) {
        shownTimes.offer(new long[] {requestedAt, nanos});
        verdicts.offer(verdict);
    }

    private void run(Consumer<Path> open) {
        try {
            List<Path> files = jpegs(folder);
            Thread.sleep(firstPauseMs);
            for (int i = 0; i < count; i++) {
                Path f = files.get(i % files.size());
                open.accept(f);
                long[] t = shownTimes.poll(OPEN_TIMEOUT_S, TimeUnit.SECONDS);
                String verdict = verdicts.poll(1, TimeUnit.SECONDS);
                if (t == null) {
                    out.println(LINE + " " + i + " timeout " + f.getFileName());
                    break;
                }
                out.printf(Locale.ROOT, "%s %d %.2f %s %s%n", LINE, i, (t[1] - t[0]) / 1e6, f.getFileName(),
                        verdict == null ? "" : verdict.replaceAll("\\s+", "_"));
                out.flush();
                Thread.sleep(PAUSE_MS);
            }
        } catch (IOException e) {
            out.println(LINE + " error " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println(DONE);
        out.flush();
    }

    static List<Path> jpegs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpeg"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("no *.jpeg in " + dir);
            }
            return files;
        }
    }

    /** The milliseconds of a {@code PNEUMOLENS_OPEN} line, or NaN for any other line (or a timed-out open). */
    static double parseMillis(String line) {
        String[] w = line == null ? new String[0] : line.trim().split(" ");
        if (w.length < 3 || !w[0].equals(LINE)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(w[2]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
