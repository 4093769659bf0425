package org.pneumolens.bench;

/**
 * A stand-in app for {@link StartupProbeTest}. It logs a line, then by {@code args[0]}:
 * {@code ready <epoch-ms>} reports ready (through {@link StartupReporter}, so only with its property) with that fixed
 * clock value and keeps running until it is ended, as the real window does; {@code ready-then-exit <epoch-ms>} reports
 * the same way and then exits normally; {@code never} keeps running without reporting; {@code exit} exits with 4.
 */
public final class ReadyAfterDelay {
    private ReadyAfterDelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.err.println("stand-in app starting");
        switch (args[0]) {
            case "exit" -> System.exit(4);
            case "ready", "ready-then-exit" -> {
                long at = Long.parseLong(args[1]);
                StartupReporter reporter = StartupReporter.fromSystemProperties(() -> at);
                reporter.modelLoaded();
                reporter.windowShown();
                if (args[0].equals("ready-then-exit")) {
                    return;
                }
            }
            default -> { }
        }
        Thread.sleep(120_000);
    }
}
