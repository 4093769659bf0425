package org.pneumolens.cli;

/**
 * Exit codes of the command line (also in the README's Command line section):
 * <ul>
 *   <li>0: success; for {@code predict}, every file was judged;</li>
 *   <li>{@value #BAD_INPUT}: bad input or lost output: some files could not be read or judged (each named on
 *       stderr; the others were still predicted), a folder or model is unusable, or the results could not be
 *       written (stdout closed, disk full);</li>
 *   <li>{@value #USAGE}: usage error (unknown option, missing argument, bad value);</li>
 *   <li>{@value #INTERNAL}: internal error, a bug (the log has the stack trace).</li>
 * </ul>
 */
final class ExitCodes {
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
