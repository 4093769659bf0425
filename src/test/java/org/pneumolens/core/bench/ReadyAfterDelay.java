package org.pneumolens.core.bench;

/**
 * A stand-in app for {@link StartupProbeTest}: logs a little, reports ready after {@code args[0]} ms (or never, with
 * "never"), then keeps running until it is ended, as the real window does.
 */
public final class ReadyAfterDelay {
    private ReadyAfterDelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.err.println("stand-in app starting");
        if ("exit".equals(args[0])) {
            System.exit(4);
        }
        if (!"never".equals(args[0])) {
            Thread.sleep(Long.parseLong(args[0]));
            StartupReporter.modelLoaded();
            StartupReporter.windowShown();
        }
        Thread.sleep(120_000);
    }
}
