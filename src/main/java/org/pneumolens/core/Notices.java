package org.pneumolens.core;

/** Words every front end (window, report, command line) must show the same way. */
public final class Notices {
    /** The research-use notice: the window's status bar, the Diagnose tab, the report, About, the CLI. */
    public static final String RESEARCH_USE = "Research and education use only; not a medical device. "
            + "Not for diagnosis.";

    private Notices() {
    }
}
