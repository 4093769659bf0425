package org.pneumolens.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Median of several window starts measured by {@link StartupProbe}, on the current {@code DISPLAY} or, when there is
 * none, on a private {@link VirtualDisplay}. The first {@code warmup} starts are not counted: they fill the page
 * cache with the jar, JavaFX and the ND4J natives, which a user's second start also finds there.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static StartupProbe.Outcome measure(List<String> command, int warmup, int runs, Duration timeout)
            throws InterruptedException {
        try (VirtualDisplay display = VirtualDisplay.environmentOrStart()) {
            Map<String, String> env = Map.of("DISPLAY", display.display());
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                StartupProbe.Outcome o = StartupProbe.measureOnce(command, env, timeout);
                if (o.millis().isEmpty()) {
                    return o;
                }
                if (i >= warmup) {
                    times.add((double) o.millis().getAsLong());
                }
            }
            return new StartupProbe.Outcome(OptionalLong.of(Math.round(Stats.median(times))), null);
        } catch (IOException e) {
            return StartupProbe.Outcome.failed("cannot start the app or Xvfb: " + e.getMessage());
        }
    }
}
