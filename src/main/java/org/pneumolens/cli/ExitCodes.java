package org.pneumolens.cli;

/** Exit codes of the command line: 0 success, 1 a user error (bad file, folder or model), 2 usage, 3 internal failure. */
final class ExitCodes {
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
