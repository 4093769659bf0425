package org.pneumolens.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code window_open_ms_*}: starts this build's window (on {@code DISPLAY}, or a private {@link VirtualDisplay})
 * with a {@link WindowOpenDriver}, which opens the samples in the running window and reports, per open, the time
 * from the open request to the laid-out frame with the verdict and the overlay. The first open after start is the
 * cold figure; the next {@code warmup} are not counted; the {@code runs} after them give p50 and p95.
 */
public final class WindowOpenBench {
    private WindowOpenBench() {
    }

    /** The three figures, NaN when not measured; {@code problem} says why, null when all went well. */
    public record Result(double coldMs, double p50Ms, double p95Ms, int timed, String problem) {
        static Result failed(String why) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, 0, why);
        }
    }

    /** @param firstPauseMs how long after the window is ready the first (cold) image is opened */
    public static Result measure(Path samples, int warmup, int runs, long firstPauseMs, Duration timeout)
            throws InterruptedException {
        List<String> command = JavaCommand.self(o -> o.startsWith("-Dorg.bytedeco."),
                List.of("-D" + WindowOpenDriver.PROPERTY + "=" + samples.toAbsolutePath(),
                        "-D" + WindowOpenDriver.FIRST_PAUSE_PROPERTY + "=" + firstPauseMs,
                        "-D" + WindowOpenDriver.COUNT_PROPERTY + "=" + (1 + warmup + runs)));
        try (VirtualDisplay display = VirtualDisplay.environmentOrStart()) {
            List<Double> ms = run(command, Map.of("DISPLAY", display.display()), timeout);
            if (ms.size() < 1 + warmup + runs) {
                return Result.failed("only " + ms.size() + " of " + (1 + warmup + runs) + " opens were shown");
            }
            List<Double> timed = ms.subList(1 + warmup, ms.size());
            return new Result(ms.get(0), Stats.percentile(timed, 50), Stats.percentile(timed, 95), timed.size(),
                    null);
        } catch (IOException e) {
            return Result.failed("cannot start the app or Xvfb: " + e.getMessage());
        }
    }

    private static List<Double> run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<Double> ms = new ArrayList<>();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readOpens(p, ms));
        try {
            read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // what was read so far is returned; the caller says how many opens are missing
        } finally {
            StartupProbe.end(p);
        }
        synchronized (ms) {
            return List.copyOf(ms);
        }
    }

    private static void readOpens(Process p, List<Double> ms) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(WindowOpenDriver.DONE)) {
                    return;
                }
                double v = WindowOpenDriver.parseMillis(line);
                if (!Double.isNaN(v)) {
                    synchronized (ms) {
                        ms.add(v);
                    }
                }
                if (line.startsWith(WindowOpenDriver.LINE)) {
                    org.slf4j.LoggerFactory.getLogger(WindowOpenBench.class).info("{}", line);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is ended
        }
    }
}
