package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's side of window_open_ms, with an opener that answers at once instead of the window. */
class WindowOpenDriverTest {
    @TempDir
    Path dir;

    @Test
    void opensTheJpegsInTurnAndPrintsTheTimeFromRequestToShownFrame() throws Exception {
        for (String n : List.of("b.jpeg", "a.jpeg", "notes.txt")) {
            Files.writeString(dir.resolve(n), "x");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WindowOpenDriver driver = new WindowOpenDriver(dir, 3, 0, out);
        List<Path> opened = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        driver.ready(file -> { // as the window does: request, then (later, on another thread) the shown frame
            opened.add(file);
            long t0 = 1_000_000_000L * opened.size();
            driver.openRequested(file, t0);
            new Thread(() -> {
                driver.shown(file, "Borderline: review", t0 + 2_500_000L * opened.size());
                done.countDown();
            }).start();
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        String text = awaitDone(bytes);

        assertEquals(List.of(dir.resolve("a.jpeg"), dir.resolve("b.jpeg"), dir.resolve("a.jpeg")), opened,
                "sorted *.jpeg, cycled");
        List<String> lines = text.lines().filter(l -> l.startsWith(WindowOpenDriver.LINE + " ")).toList();
        assertEquals(List.of("PNEUMOLENS_OPEN 0 2.50 a.jpeg Borderline:_review",
                "PNEUMOLENS_OPEN 1 5.00 b.jpeg Borderline:_review",
                "PNEUMOLENS_OPEN 2 7.50 a.jpeg Borderline:_review"), lines);
        assertEquals(7.5, WindowOpenDriver.parseMillis(lines.get(2)));
        assertTrue(Double.isNaN(WindowOpenDriver.parseMillis("PNEUMOLENS_READY 12")));
        assertTrue(Double.isNaN(WindowOpenDriver.parseMillis("PNEUMOLENS_OPEN 0 timeout a.jpeg")));
    }

    @Test
    void withoutThePropertyThereIsNoDriver() {
        System.clearProperty(WindowOpenDriver.PROPERTY);
        assertEquals(null, WindowOpenDriver.fromSystemProperties());
    }

    @Test
    void aFolderWithoutJpegsIsAnError() {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> WindowOpenDriver.jpegs(dir));
    }

    private static String awaitDone(ByteArrayOutputStream bytes) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String s = bytes.toString(StandardCharsets.UTF_8);
            if (s.contains(WindowOpenDriver.DONE)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + WindowOpenDriver.DONE + " line: " + bytes.toString(StandardCharsets.UTF_8));
    }
}
