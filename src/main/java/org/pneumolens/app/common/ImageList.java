package org.pneumolens.app.common;

/**
 * A list of images another view shows (the worklist), stepped through from the Diagnose tab (PageDown / PageUp),
 * so neither feature imports the other.
 */
@FunctionalInterface
public interface ImageList {
    /**
     * Selects the image {@code delta} places on in the list as it is shown (sorted and filtered) and opens it in
     * the Diagnose view; false when there is none (end of the list, or an empty list).
     */
    boolean step(int delta);

    ImageList NONE = delta -> false;
}
