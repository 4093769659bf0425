package org.pneumolens.core.data;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Finds the labelled images of a dataset folder. A class is a subfolder; classes are sorted by name so the
 * label indices are stable. A bad file is skipped with its reason and never fails the whole scan; a folder
 * with fewer than two non-empty classes is an error.
 *
 * <p>The scan checks each file's header (magic bytes), not its full decode: decoding 5,000 radiographs just
 * to list them would take longer than the user wants to wait. Files that pass the header check but fail to
 * decode are reported later by the loader, again per file.
 */
public final class DatasetScanner {
    /** How deep below a class folder images are looked for. */
    private static final int MAX_DEPTH = 16;

    private DatasetScanner() {
    }

    /** Scans {@code root}, or {@code root/train} and {@code root/val} if both exist. */
    public static Dataset scanDataset(Path root) throws DatasetException {
        Path train = root.resolve("train");
        Path val = root.resolve("val");
        if (Files.isDirectory(train) && Files.isDirectory(val)) {
            ImageSet t = scan(train);
            ImageSet v = scan(val);
            if (!t.classes().equals(v.classes())) {
                throw new DatasetException("train/ has classes " + t.classes() + " but val/ has " + v.classes());
            }
            return new Dataset(t, v);
        }
        return new Dataset(scan(root), null);
    }

    public static ImageSet scan(Path root) throws DatasetException {
        if (!Files.exists(root)) {
            throw new DatasetException("Dataset folder not found: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Not a folder: " + root);
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot read folder " + root + ": " + e.getMessage());
        }
        List<String> classes = new ArrayList<>();
        List<LabeledImage> images = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> files = listFiles(dir, skipped);
            List<Path> good = new ArrayList<>();
            for (Path f : files) {
                String reason = problemWith(f);
                if (reason == null) {
                    good.add(f);
                } else {
                    skipped.add(new SkippedFile(f, reason));
                }
            }
            if (good.isEmpty()) {
                skipped.add(new SkippedFile(dir, "class folder has no usable images"));
                continue;
            }
            int label = classes.size();
            classes.add(dir.getFileName().toString());
            for (Path f : good) {
                images.add(new LabeledImage(f, label));
            }
        }
        if (classes.size() < 2) {
            throw new DatasetException("A dataset needs at least two class subfolders with images (e.g. NORMAL/ and "
                    + "PNEUMONIA/); " + root + " has " + (classes.isEmpty() ? "none" : "only " + classes));
        }
        return new ImageSet(root, classes, images, skipped);
    }

    private static List<Path> listFiles(Path dir, List<SkippedFile> skipped) {
        // Links are followed (a class folder may be a symlink to the images); a loop ends the walk with an error.
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            skipped.add(new SkippedFile(dir, "cannot read folder: " + e.getMessage()));
            return List.of();
        }
    }

    /** Null if the file looks like a supported image, else why not. */
    static String problemWith(Path f) {
        if (!ImageDecoder.hasImageExtension(f) && !(Dicom.hasNoExtension(f) && Dicom.startsWithPreamble(f))) {
            return "not an image file (extension)";
        }
        byte[] head = new byte[132]; // DICOM's "DICM" sits at 128
        int n;
        try (var in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (n == 0) {
            return "empty file";
        }
        if (!(ImageDecoder.looksLikeImage(java.util.Arrays.copyOf(head, n)) || Dicom.hasMagic(head, n)
                || Dicom.hasDicomExtension(f))) {
            return "not an image (unknown file header)";
        }
        return null;
    }
}
