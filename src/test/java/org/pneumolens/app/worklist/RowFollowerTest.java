package org.pneumolens.app.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.common.ImageOpener;

/** The worklist's follow mode without a table: a list of files and a selection that tells the follower, as the table does. */
class RowFollowerTest {
    private final List<Path> files = new ArrayList<>(List.of(Path.of("a.png"), Path.of("b.png"), Path.of("c.png")));
    private final List<String> opened = new ArrayList<>();
    private int selected = -1;
    private RowFollower follower;

    RowFollowerTest() {
        ImageOpener opener = new ImageOpener() {
            @Override
            public void openInDiagnose(Path file) {
                opened.add("open " + file);
            }

            @Override
            public void loadInDiagnose(Path file) {
                opened.add("load " + file);
            }
        };
        follower = new RowFollower(new RowFollower.Rows() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public int selected() {
                return selected;
            }

            @Override
            public void select(int index) {
                selected = index;
                follower.selectionChanged();
            }

            @Override
            public Path file(int index) {
                return files.get(index);
            }
        }, () -> opener);
    }

    private void userSelects(int index) {
        selected = index;
        follower.selectionChanged();
    }

    @Test
    void movingTheSelectionOpensNothingUntilARowWasOpened() {
        userSelects(0);
        userSelects(1);
        assertTrue(opened.isEmpty());

        follower.openSelected();
        userSelects(2);
        userSelects(1);

        assertEquals(List.of("open b.png", "load c.png", "load b.png"), opened);
    }

    @Test
    void theDiagnoseTabStepsThroughTheListAndStopsAtItsEnds() {
        assertTrue(follower.step(1), "nothing selected: the first row");
        assertTrue(follower.step(1));
        assertTrue(follower.step(1));
        assertFalse(follower.step(1), "past the last row");
        assertTrue(follower.step(-1));

        assertEquals(List.of("load a.png", "load b.png", "load c.png", "load b.png"), opened);
        assertEquals(1, selected);
    }

    @Test
    void aRowUpdatedInPlaceIsNotReopened() {
        userSelects(0);
        follower.openSelected();
        follower.selectionChanged(); // the row's result arrived: same file, new row object

        assertEquals(List.of("open a.png"), opened);
    }

    @Test
    void aNewListEndsFollowing() {
        userSelects(0);
        follower.openSelected();
        follower.stop();
        userSelects(1);

        assertEquals(List.of("open a.png"), opened);
        assertFalse(follower.following());
        assertFalse(new RowFollower(new RowFollower.Rows() {
            @Override
            public int size() {
                return 0;
            }

            @Override
            public int selected() {
                return -1;
            }

            @Override
            public void select(int index) {
                throw new AssertionError("nothing to select");
            }

            @Override
            public Path file(int index) {
                throw new AssertionError();
            }
        }, () -> ImageOpener.NONE).step(1), "an empty list");
    }
}
