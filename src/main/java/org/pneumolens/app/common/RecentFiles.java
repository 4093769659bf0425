package org.pneumolens.app.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few images opened last, most recent first, kept in a small text file (one path a line). The file is
 * written to a temporary sibling and moved into place, so a crash mid-write never leaves a half list.
 * A missing or unreadable file just means an empty list: recent files are a convenience, not data.
 */
public final class RecentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);
    public static final int MAX = 8;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** {@code ~/.pneumolens/recent-images.txt}, or under the folder named by {@code -Dpneumolens.home}. */
    public static RecentFiles atDefaultLocation() {
        return new RecentFiles(homeFolder().resolve("recent-images.txt"));
    }

    /** Where the window keeps what it remembers: {@code ~/.pneumolens}, or {@code -Dpneumolens.home}. */
    static Path homeFolder() {
        String home = System.getProperty("pneumolens.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".pneumolens");
    }

    public List<Path> list() {
        if (!Files.isRegularFile(store)) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && out.size() < MAX) {
                    out.add(Path.of(line.strip()));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable recent-files list {}: {}", store, e.toString());
            return List.of();
        }
    }

    /** Moves {@code file} to the top of the list and saves it; returns the new list. */
    public List<Path> add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> updated = new ArrayList<>();
        updated.add(abs);
        for (Path p : list()) {
            if (!p.equals(abs) && updated.size() < MAX) {
                updated.add(p);
            }
        }
        save(updated);
        return updated;
    }

    private void save(List<Path> files) {
        StringBuilder text = new StringBuilder();
        files.forEach(p -> text.append(p).append('\n'));
        try {
            AtomicFiles.write(store, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warn("Cannot save recent-files list {}: {}", store, e.toString());
        }
    }
}
