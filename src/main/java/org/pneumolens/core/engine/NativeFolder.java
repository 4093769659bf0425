package org.pneumolens.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.pneumolens.core.io.FileTrees;

/**
 * The packaged app's own folder of ND4J's and OpenBLAS's native libraries, loaded in place.
 *
 * <p>Without it JavaCPP unpacks them from their jars into {@code ~/.javacpp/cache} at each user's first start:
 * ~430 MB per user, and a first window in ~3.4 s instead of ~1.7 s (docs/performance.md, session 8). The
 * packaged app names {@code $APPDIR/native} ({@code -Dpneumolens.nativeFolder}, jpackage.cfg), which the build
 * (app-image) or the installer's postinst (.deb) fills once ({@link #FILL_PROPERTY}). When the folder is there,
 * JavaCPP is told to look in it before its jars ({@code pathsFirst} and {@code java.library.path}) and loads the
 * files where they are: nothing is written, so the folder can stay read-only and owned by root (a user-writable
 * folder of libraries would let anyone plant code in the app). Without the folder (an app-image not filled, a
 * failed postinst) the app starts as before, from JavaCPP's cache. A user's own JavaCPP settings
 * ({@code org.bytedeco.javacpp.pathsFirst} or {@code cachedir}) always win.
 */
public final class NativeFolder {
    /** The packaged app's folder (set by jpackage.cfg). */
    public static final String PROPERTY = "pneumolens.nativeFolder";
    /** Packaging only: fill {@link #PROPERTY}'s folder, then exit. */
    public static final String FILL_PROPERTY = "pneumolens.nativeFolder.fill";
    static final String PATHS_FIRST = "org.bytedeco.javacpp.pathsFirst";
    static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";
    static final String LIBRARY_PATH = "java.library.path";

    private NativeFolder() {
    }

    /** What {@link #decide} chose. */
    public enum Choice {
        /** JavaCPP's own way (its cache, or the user's settings): nothing changed. */
        DEFAULT,
        /** Load from the app's folder. */
        USE,
        /** Packaging: fill the app's folder. */
        FILL
    }

    /** Applies {@link #decide} to the JVM's properties; call before anything loads JavaCPP's {@code Loader}. */
    public static Choice configure() {
        Properties p = System.getProperties();
        Choice c = decide(p);
        if (c == Choice.USE) {
            use(p, p.getProperty(PROPERTY));
        }
        return c;
    }

    /** The decision alone, on given properties (tested without touching the JVM's). */
    static Choice decide(Properties p) {
        String dir = p.getProperty(PROPERTY);
        if (dir == null || dir.isBlank() || p.getProperty(PATHS_FIRST) != null
                || p.getProperty(PATHS_FIRST.toLowerCase(java.util.Locale.ROOT)) != null || p.getProperty(CACHE_DIR) != null) {
            return Choice.DEFAULT;
        }
        if (Boolean.parseBoolean(p.getProperty(FILL_PROPERTY))) {
            return Choice.FILL;
        }
        return Files.isDirectory(Path.of(dir)) ? Choice.USE : Choice.DEFAULT;
    }

    /** Points JavaCPP at {@code dir} first. */
    static void use(Properties p, String dir) {
        p.setProperty(PATHS_FIRST, "true");
        String path = p.getProperty(LIBRARY_PATH, "");
        p.setProperty(LIBRARY_PATH, path.isEmpty() ? dir : dir + java.io.File.pathSeparator + path);
    }

    /**
     * Packaging: starts ND4J's native side with JavaCPP unpacking into a scratch cache beside the folder, copies
     * every library it loaded into a new folder and moves that into place in one rename, so that a fill cut
     * short leaves no folder (and the app keeps JavaCPP's way). Needs {@link #PROPERTY}.
     */
    public static Path fill() throws IOException {
        Path target = Path.of(System.getProperty(PROPERTY)).toAbsolutePath();
        Path parent = target.getParent();
        Path scratch = Files.createTempDirectory(parent, "native-cache");
        Path staging = Files.createTempDirectory(parent, "native-staging");
        try {
            System.setProperty(CACHE_DIR, scratch.toString());
            Nd4jStart.run();
            copyInto(staging, Loader.getLoadedLibraries().values());
            readableByAll(staging); // a temporary folder is the owner's only; every user of an install reads it
            FileTrees.deleteTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            FileTrees.deleteTree(staging);
            FileTrees.deleteTree(scratch);
        }
    }

    /** Copies each file (following links: the cache links some libraries to others) under its own name. */
    static void copyInto(Path folder, Collection<String> files) throws IOException {
        if (files.isEmpty()) {
            throw new IOException("JavaCPP reports no loaded native library");
        }
        for (String f : files) {
            Path src = Path.of(f);
            Files.copy(src, folder.resolve(src.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void readableByAll(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
