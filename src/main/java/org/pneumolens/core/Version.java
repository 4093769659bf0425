package org.pneumolens.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The application version: pom.xml's {@code <version>}, the one source, which Maven writes into
 * {@code org/pneumolens/core/version.properties} (resource filtering), so it is the same from classes and from the
 * jar. The installer's {@code --app-version} comes from the same file ({@code packaging/build-installer.sh}).
 */
public final class Version {
    static final String RESOURCE = "version.properties";

    private Version() {
    }

    /** E.g. {@code "0.1.0"}, or {@code "dev"} if the resource is missing or was not filtered. */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException | IllegalArgumentException e) {
            return "dev";
        }
    }
}
