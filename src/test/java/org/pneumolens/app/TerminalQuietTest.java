package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Only JavaFX's class-path warning is dropped; its other warnings still reach the terminal. */
class TerminalQuietTest {
    @Test
    void theClassPathWarningIsDroppedAndOtherJavafxWarningsAreNot() {
        Logger javafx = Logger.getLogger("javafx");
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        javafx.addHandler(h);
        try {
            TerminalQuiet.install();
            javafx.warning("Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            javafx.log(Level.WARNING, "Something else is wrong");
            assertEquals(List.of("Something else is wrong"), seen);
        } finally {
            javafx.removeHandler(h);
            javafx.setFilter(null);
        }
    }
}
