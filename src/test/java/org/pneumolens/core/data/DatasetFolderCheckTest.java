package org.pneumolens.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFolderCheckTest {
    @TempDir
    Path tmp;

    private Path image(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[]{1});
    }

    @Test
    void theParentOfATrainValDatasetIsRefusedNamingTheDataset() throws Exception {
        // The walkthrough's folder: a dataset beside unrelated folders.
        image("parent/ds/train/NORMAL/a.jpeg");
        image("parent/ds/train/PNEUMONIA/b.jpeg");
        image("parent/ds/val/NORMAL/c.jpeg");
        image("parent/screenshots/shot.png");
        Files.createDirectories(tmp.resolve("parent/bad"));
        image("parent/export/report.png");

        assertEquals(List.of(tmp.resolve("parent/ds")), DatasetFolderCheck.nestedDatasets(tmp.resolve("parent")));
        assertEquals(Optional.of("This folder holds a dataset rather than being one: choose "
                + tmp.resolve("parent/ds") + " instead."), DatasetFolderCheck.wrongFolder(tmp.resolve("parent")));
        assertEquals(List.of(), DatasetFolderCheck.nestedDatasets(tmp.resolve("parent/ds")), "the dataset itself");
    }

    @Test
    void aClassFolderDatasetBesideOtherFoldersIsFoundAndAUniformLayoutIsNot() throws Exception {
        image("parent/ds/NORMAL/a.jpeg");
        image("parent/ds/PNEUMONIA/b.jpeg");
        image("parent/notes/readme.png");
        assertEquals(List.of(tmp.resolve("parent/ds")), DatasetFolderCheck.nestedDatasets(tmp.resolve("parent")));

        // Classes whose images sit in year folders: a dataset, not a parent of datasets.
        image("years/NORMAL/2019/a.jpeg");
        image("years/NORMAL/2020/b.jpeg");
        image("years/PNEUMONIA/2019/c.jpeg");
        image("years/PNEUMONIA/2020/d.jpeg");
        assertEquals(Optional.empty(), DatasetFolderCheck.wrongFolder(tmp.resolve("years")));
    }

    @Test
    void plainDatasetsAndSeveralNestedOnes() throws Exception {
        image("flat/NORMAL/a.jpeg");
        image("flat/PNEUMONIA/b.jpeg");
        assertEquals(Optional.empty(), DatasetFolderCheck.wrongFolder(tmp.resolve("flat")));

        image("two/a/train/NORMAL/x.jpeg");
        image("two/b/val/NORMAL/y.jpeg");
        String msg = DatasetFolderCheck.wrongFolder(tmp.resolve("two")).orElseThrow();
        assertTrue(msg.contains("holds 2 datasets") && msg.contains("choose one of a, b instead"), msg);
        assertEquals(Optional.empty(), DatasetFolderCheck.wrongFolder(tmp.resolve("missing")));
    }
}
