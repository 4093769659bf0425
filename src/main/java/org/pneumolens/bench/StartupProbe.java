package org.pneumolens.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code startup_ms}: launches a command (normally this app's window with {@code -Dpneumolens.reportStartup=true}),
 * takes the wall clock just before the process starts, waits for the {@link StartupReporter} line, and ends the
 * process and its children. The clock on both sides is {@code System.currentTimeMillis()} on the same machine.
 */
public final class StartupProbe {
    private static final int TAIL_LINES = 15;

    private StartupProbe() {
    }

    /** What happened on one launch: the milliseconds to ready, or why there are none. */
    public record Outcome(OptionalLong millis, String problem) {
        static Outcome of(long ms) {
            return new Outcome(OptionalLong.of(ms), null);
        }

        static Outcome failed(String why) {
            return new Outcome(OptionalLong.empty(), why);
        }
    }

    public static Outcome measureOnce(List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true); // logs must not fill a pipe
        pb.environment().putAll(extraEnv);
        long start = System.currentTimeMillis();
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<Long> ready = CompletableFuture.supplyAsync(() -> readUntilReady(p, tail));
        try {
            Long at = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (at == null) {
                return Outcome.failed("the app exited (code " + p.waitFor() + ") without printing "
                        + StartupReporter.MARKER + "; last output: " + joined(tail));
            }
            return Outcome.of(at - start);
        } catch (TimeoutException e) {
            return Outcome.failed("no " + StartupReporter.MARKER + " line within " + timeout.toSeconds()
                    + " s (does the app call StartupReporter?); last output: " + joined(tail));
        } catch (ExecutionException e) {
            return Outcome.failed("reading the app's output failed: " + e.getCause());
        } finally {
            end(p);
        }
    }

    /**
     * The command that starts this very build's window the way a user does ({@code java -jar <jar>}), keeping only
     * the native-build selection ({@code -Dorg.bytedeco.*}) of the benchmark's own JVM options.
     */
    public static List<String> appCommand() {
        return JavaCommand.self(o -> o.startsWith("-Dorg.bytedeco."), List.of("-D" + StartupReporter.PROPERTY + "=true"));
    }

    private static Long readUntilReady(Process p, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                OptionalLong at = StartupReporter.parse(line);
                if (at.isPresent()) {
                    return at.getAsLong();
                }
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the stream closes when the process is ended
        }
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "(none)" : String.join(" | ", tail);
        }
    }

    /** Ends the process and everything it started (xvfb-run wrappers, forked JVMs), politely first. */
    static void end(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
