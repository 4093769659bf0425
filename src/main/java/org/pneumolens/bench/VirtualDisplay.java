package org.pneumolens.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private Xvfb server for timing the window without a screen. It is started (and waited for) before the clock
 * of {@link StartupProbe} runs, so the X server's own start-up is never counted as the app's. {@code -displayfd}
 * makes Xvfb pick a free display and print its number only once it accepts connections.
 */
public final class VirtualDisplay implements AutoCloseable {
    private final Process xvfb; // null: the environment's display, not ours to stop
    private final String display;

    private VirtualDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    /** The environment's {@code DISPLAY} when it is set (closing leaves it alone), otherwise a private Xvfb. */
    public static VirtualDisplay environmentOrStart() throws IOException, InterruptedException {
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? start() : new VirtualDisplay(null, display);
    }

    public static VirtualDisplay start() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String n = number.get(20, TimeUnit.SECONDS);
            if (n == null || !n.trim().matches("\\d+")) {
                throw new IOException("Xvfb did not report a display number (" + n + ")");
            }
            return new VirtualDisplay(p, ":" + n.trim());
        } catch (TimeoutException | ExecutionException | IOException e) {
            p.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("Xvfb did not start: " + e, e);
        }
    }

    /** The value for {@code DISPLAY}, e.g. {@code ":1"}. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        if (xvfb == null) {
            return;
        }
        xvfb.destroy();
        if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
