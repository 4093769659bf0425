package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher sends a first argument in {@link PneumoLensCli#SUBCOMMANDS} to the CLI, anything else to the window. */
class SubcommandListTest {
    @Test
    void everySubcommandIsListedForTheLauncher() {
        CommandLine cl = new CommandLine(new PneumoLensCli());
        for (String name : cl.getSubcommands().keySet()) {
            assertTrue(PneumoLensCli.SUBCOMMANDS.contains(name), name + " missing from PneumoLensCli.SUBCOMMANDS: "
                    + "the launcher would open the window instead");
        }
    }
}
