package dev.mosaic.mos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.app.Verb;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI forms of the chat verbs are named and described by the one verb table. */
class VerbCommandsTest {

    @TempDir
    Path home;

    @Test
    void everyCliFormOfAVerbHasTheVerbsNameAndOneLineHelp() {
        CommandLine root = MosaicCli.commandLine(new CliContext(Map.of("MOSAIC_HOME", home.toString()), home,
                Clock.systemUTC(), false, "cli:test", InputStream.nullInputStream(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

        for (VerbCommands.Form form : VerbCommands.FORMS) {
            CommandLine c = at(root, form.path());
            assertThat(c.getCommandName()).as(form.path()).isEqualTo(form.verb().word());
            assertThat(c.getCommandSpec().userObject()).as(form.path()).isInstanceOf(form.command());
            assertThat(c.getCommandSpec().usageMessage().description()[0]).as(form.path())
                    .isEqualTo(form.verb().cliHelp())
                    .isEqualTo(Character.toUpperCase(form.verb().help().charAt(0))
                            + form.verb().help().substring(1) + ".");
            // what a person reads: the parent's list of commands shows the verb's help next to its name
            String parentHelp = c.getParent().getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            assertThat(parentHelp).as(form.path()).contains(form.verb().word() + " " + form.verb().cliHelp());
        }
    }

    @Test
    void everyVerbThatActsOnTheFleetHasACliForm() {
        Set<Verb> chatOnly = EnumSet.of(Verb.HELP, Verb.WHOAMI, Verb.CONFIRM, Verb.CANCEL);
        Set<Verb> withForm = EnumSet.noneOf(Verb.class);
        VerbCommands.FORMS.forEach(f -> withForm.add(f.verb()));
        assertThat(withForm).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.copyOf(chatOnly)));
    }

    private static CommandLine at(CommandLine root, String path) {
        CommandLine c = root;
        for (String name : path.split(" ")) {
            c = c.getSubcommands().get(name);
            assertThat(c).as(path).isNotNull();
        }
        return c;
    }
}
