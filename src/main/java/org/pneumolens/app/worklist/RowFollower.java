package org.pneumolens.app.worklist;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.pneumolens.app.common.ImageList;
import org.pneumolens.app.common.ImageOpener;

/**
 * The worklist's "follow" mode: once the user has opened a row in the Diagnose view, moving the selection
 * (Up / Down, J / K in the list, or PageDown / PageUp on the Diagnose tab) opens the newly selected row there too,
 * so a clinician pages through the triaged list with the radiograph and its overlay in view. No nodes: the table's
 * selection is reached through {@link Rows}.
 */
final class RowFollower implements ImageList {
    /** The rows in the order shown and the selection, as the table has them. */
    interface Rows {
        int size();

        /** -1 when nothing is selected. */
        int selected();

        void select(int index);

        Path file(int index);
    }

    private final Rows rows;
    private final Supplier<ImageOpener> opener;
    private boolean following;
    /** The file last sent to the Diagnose view: a row updated in place (a result arrived) is not reopened. */
    private Path shown;

    RowFollower(Rows rows, Supplier<ImageOpener> opener) {
        this.rows = rows;
        this.opener = opener;
    }

    /** The user opened the selected row (Enter, double-click): show it and follow the selection from now on. */
    void openSelected() {
        int i = rows.selected();
        if (i < 0) {
            return;
        }
        following = true;
        shown = rows.file(i);
        opener.get().openInDiagnose(shown);
    }

    /** The table's selection moved (or its row changed): in follow mode, the Diagnose view shows the new row. */
    void selectionChanged() {
        int i = rows.selected();
        if (!following || i < 0 || Objects.equals(rows.file(i), shown)) {
            return;
        }
        shown = rows.file(i);
        opener.get().loadInDiagnose(shown);
    }

    /** From the Diagnose tab: starts following, whether or not a row was opened before. */
    @Override
    public boolean step(int delta) {
        int n = rows.size();
        if (n == 0) {
            return false;
        }
        int i = rows.selected();
        int next = i < 0 ? (delta > 0 ? 0 : n - 1) : Math.max(0, Math.min(n - 1, i + delta));
        if (next == i) {
            return false;
        }
        following = true;
        rows.select(next); // the table calls selectionChanged, which opens it
        selectionChanged(); // and when it does not (a test's list, a selection listener not yet installed)
        return true;
    }

    /** A new analysis replaced the list: the Diagnose view no longer follows it. */
    void stop() {
        following = false;
        shown = null;
    }

    boolean following() {
        return following;
    }
}
