package org.pneumolens.core.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pneumolens.core.data.SkippedFile;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Turns what the user gave (files and folders) into the list of files to analyse: folders are walked recursively
 * in name order (links not followed), files in them that are not images by name or first bytes are skipped with a
 * reason, hidden files and folders are left out. Files given by name are always kept: if one is not an image,
 * its analysis says so.
 */
public final class BatchInputs {
    /** Far more than any worklist; a folder tree larger than this is cut with a note. */
    public static final int MAX_FILES = 200_000;

    private BatchInputs() {
    }

    /**
     * @param files   what to analyse; a folder given that holds no image is kept as itself, so that its analysis
     *                fails with a line for it in its place (an empty folder is a mistake, not a quiet nothing)
     * @param skipped files in folders that are not images, with the reason
     */
    public record Expanded(List<Path> files, List<SkippedFile> skipped) {
        public Expanded {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    public static Expanded expand(List<Path> given) {
        List<Path> files = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                add(files, skipped, p);
                continue;
            }
            List<Path> found;
            try (Stream<Path> walk = Files.walk(p)) {
                found = walk.filter(f -> !isHidden(p, f) && Files.isRegularFile(f))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException | UncheckedIOException e) {
                skipped.add(new SkippedFile(p, "the folder could not be read completely (" + e.getMessage() + ")"));
                continue;
            }
            int before = files.size();
            for (Path f : found) {
                if (files.size() >= MAX_FILES) {
                    skipped.add(new SkippedFile(f, "more than " + MAX_FILES + " files; the rest were left out"));
                    break;
                }
                if (isImage(f)) {
                    files.add(f);
                } else {
                    skipped.add(new SkippedFile(f, "not an image (no image extension or signature)"));
                }
            }
            if (files.size() == before) {
                files.add(p);
            }
        }
        return new Expanded(files, skipped);
    }

    private static void add(List<Path> files, List<SkippedFile> skipped, Path p) {
        if (files.size() < MAX_FILES) {
            files.add(p);
        } else {
            skipped.add(new SkippedFile(p, "more than " + MAX_FILES + " files; the rest were left out"));
        }
    }

    private static boolean isHidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** An image extension, a PNG/JPEG/BMP/GIF signature, or a DICOM preamble. */
    static boolean isImage(Path f) {
        if (ImageDecoder.hasImageExtension(f) || Dicom.isDicom(f)) {
            return true;
        }
        byte[] head = new byte[16];
        try (InputStream in = Files.newInputStream(f)) {
            int n = in.readNBytes(head, 0, head.length);
            return n > 0 && ImageDecoder.looksLikeImage(head);
        } catch (IOException e) {
            return false;
        }
    }
}
