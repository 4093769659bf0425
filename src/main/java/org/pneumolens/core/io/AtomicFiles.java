package org.pneumolens.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers only ever see the old content or the complete new one: the content goes to a
 * temporary file in the target's folder, which is flushed to the disk and then moved over the target (atomically
 * where the file system can). Nothing the user made (a model, a report, a setting) is left half-written by a
 * crash, a power cut or a full disk. Temporary files a killed process left for the same target are removed on
 * the next write.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What to write into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".";
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        try {
            removeStale(dir, prefix, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                // Content may close the stream it is given (a ZipOutputStream does); the channel stays open for force.
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true); // the bytes are on the disk before the name points at them
            }
            readableByOthers(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Earlier temporary files for the same target, left by a process that was killed while writing. */
    private static void removeStale(Path dir, String prefix, Path ours) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob(prefix) + "*.tmp")) {
            for (Path p : s) {
                if (!p.equals(ours) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a stale file costs disk space, never correctness.
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open a folder this way; its rename is journaled.
        }
    }

    /**
     * Temporary files are created owner-only (rw-------); what is saved here is a document the user may share, so
     * it gets the usual rw-r--r-- where the file system has POSIX permissions.
     */
    private static void readableByOthers(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the default ACLs already apply.
        }
    }
}
