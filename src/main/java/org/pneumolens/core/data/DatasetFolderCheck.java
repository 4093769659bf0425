package org.pneumolens.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Catches the commonest wrong choice of dataset folder: the folder that holds a dataset (and other things)
 * instead of the dataset itself. Scanning such a parent would make each of its subfolders a "class" and fold
 * {@code ds/train} and {@code ds/val} into one class {@code ds}. Looks two levels down only, at a bounded number
 * of entries per folder, so it stays fast on any folder a user picks.
 *
 * <p>A subfolder is a dataset of its own when it has a {@code train/} or {@code val/} folder, or when it has two or
 * more subfolders holding images directly (class folders) while a sibling does not have that shape (a uniform
 * layout such as {@code NORMAL/2019/}, {@code PNEUMONIA/2019/} is a dataset whose classes have subfolders).
 */
public final class DatasetFolderCheck {
    /** Entries looked at per folder: enough for any real layout, bounded for a hostile one. */
    static final int MAX_ENTRIES = 2000;

    private DatasetFolderCheck() {
    }

    /** What to tell the user when {@code dir} holds datasets rather than being one; empty when it looks right. */
    public static Optional<String> wrongFolder(Path dir) {
        List<Path> nested = nestedDatasets(dir);
        if (nested.isEmpty()) {
            return Optional.empty();
        }
        if (nested.size() == 1) {
            return Optional.of("This folder holds a dataset rather than being one: choose " + nested.get(0)
                    + " instead.");
        }
        return Optional.of("This folder holds " + nested.size() + " datasets rather than being one: choose one of "
                + String.join(", ", nested.stream().map(p -> p.getFileName().toString()).toList()) + " instead.");
    }

    /** The subfolders of {@code dir} that are datasets themselves; empty when {@code dir} is a dataset. */
    public static List<Path> nestedDatasets(Path dir) {
        List<Path> subs = subfolders(dir);
        if (subs.stream().anyMatch(DatasetFolderCheck::isSplitName)) {
            return List.of(); // dir/train, dir/val: dir is the dataset
        }
        List<Path> nested = new ArrayList<>();
        List<Path> classShaped = new ArrayList<>();
        for (Path s : subs) {
            List<Path> inner = subfolders(s);
            if (inner.stream().anyMatch(DatasetFolderCheck::isSplitName)) {
                nested.add(s);
            } else if (inner.stream().filter(DatasetFolderCheck::holdsImages).limit(2).count() >= 2) {
                classShaped.add(s);
            }
        }
        // Class-folder datasets count only beside subfolders of another shape (see the class comment).
        if (!classShaped.isEmpty() && (classShaped.size() < subs.size() || !nested.isEmpty())) {
            nested.addAll(classShaped);
        }
        nested.sort(null);
        return nested;
    }

    private static boolean isSplitName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.equals("train") || n.equals("val");
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(MAX_ENTRIES).filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean holdsImages(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(MAX_ENTRIES).anyMatch(p -> ImageDecoder.hasImageExtension(p) && Files.isRegularFile(p));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
