package org.pneumolens.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Checks where a long job (training) will save its result, before the job starts: a run of tens of minutes must
 * not end in "cannot write". The target must be a file name in a folder this process can write to, not a folder,
 * not below a file, not one of the application's own files, and not an existing file unless overwriting was asked.
 */
public final class OutputTarget {
    private OutputTarget() {
    }

    /**
     * @param protectedFiles files never to be written whatever {@code overwrite} says (the running jar, the
     *                       bundled model); compared by real path
     * @return the target as an absolute path
     * @throws IOException with a message for the user
     */
    public static Path check(String given, boolean overwrite, Collection<Path> protectedFiles) throws IOException {
        if (given == null || given.isBlank()) {
            throw new IOException("the output file name is empty");
        }
        Path target = Path.of(given).toAbsolutePath().normalize();
        if (target.getFileName() == null) {
            throw new IOException("the output " + given + " is not a file name");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("the output " + given + " is a folder; give a file name such as "
                    + target.resolve("model.zip"));
        }
        for (Path p : protectedFiles) {
            if (p != null && sameFile(p, target)) {
                throw new IOException("the output " + given + " is one of PneumoLens's own files; choose another name");
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new IOException("the output " + given + " exists; pass --overwrite to replace it, or choose "
                    + "another name");
        }
        Path dir = target.getParent();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IOException("the output " + given + " is below " + p + ", which is a file");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".pneumolens-write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("cannot write to the folder " + dir + " (" + e.getMessage() + ")", e);
        }
        return target;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
