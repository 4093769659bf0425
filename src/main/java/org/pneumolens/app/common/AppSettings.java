package org.pneumolens.app.common;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.pneumolens.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few things the window remembers between runs (the folder of the last saved model, ...), as a small
 * properties file next to the recent-files list, written atomically. A missing, oversized or unreadable file
 * means defaults: settings are a convenience, not data.
 */
public final class AppSettings {
    /** The folder the last model was saved in. */
    public static final String MODEL_FOLDER = "model.folder";
    /** The folder the last report was exported to. */
    public static final String REPORT_FOLDER = "report.folder";
    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);
    private static final long MAX_BYTES = 64 * 1024;

    private final Path store;

    public AppSettings(Path store) {
        this.store = store;
    }

    /** {@code ~/.pneumolens/settings.properties}, or under the folder named by {@code -Dpneumolens.home}. */
    public static AppSettings atDefaultLocation() {
        return new AppSettings(RecentFiles.homeFolder().resolve("settings.properties"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(load().getProperty(key));
    }

    /** A remembered folder that still exists, else the user's documents folder. */
    public Path folder(String key) {
        return get(key).map(AppSettings::path).filter(Files::isDirectory).orElseGet(AppSettings::documents);
    }

    public void put(String key, String value) {
        Properties p = load();
        p.setProperty(key, value);
        StringWriter text = new StringWriter();
        try {
            p.store(text, "PneumoLens settings");
            AtomicFiles.write(store, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warn("Cannot save settings {}: {}", store, UserMessages.describe(e));
        }
    }

    /** {@code ~/Documents} when it exists, else the home folder: where save dialogs start the first time. */
    public static Path documents() {
        Path home = Path.of(System.getProperty("user.home"));
        Path docs = home.resolve("Documents");
        return Files.isDirectory(docs) ? docs : home;
    }

    private Properties load() {
        Properties p = new Properties();
        try {
            if (Files.isRegularFile(store) && Files.size(store) <= MAX_BYTES) {
                p.load(new StringReader(Files.readString(store, StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable settings {}: {}", store, UserMessages.describe(e));
        }
        return p;
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
