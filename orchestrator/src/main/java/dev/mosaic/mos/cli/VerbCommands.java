package dev.mosaic.mos.cli;

import dev.mosaic.mos.app.Verb;
import dev.mosaic.mos.cli.comms.CommsCommand;
import dev.mosaic.mos.cli.engine.AgentApproveCommand;
import dev.mosaic.mos.cli.engine.AgentDenyCommand;
import dev.mosaic.mos.cli.engine.AgentRestartCommand;
import dev.mosaic.mos.cli.engine.AgentSendCommand;
import dev.mosaic.mos.cli.engine.AgentStartCommand;
import dev.mosaic.mos.cli.engine.AgentStatusCommand;
import dev.mosaic.mos.cli.engine.AgentStopCommand;
import dev.mosaic.mos.cli.engine.AgentTailCommand;
import dev.mosaic.mos.cli.engine.FleetStartCommand;
import dev.mosaic.mos.cli.engine.FleetStopCommand;
import dev.mosaic.mos.cli.engine.PsCommand;
import dev.mosaic.mos.cli.roster.AgentAddCommand;
import dev.mosaic.mos.cli.roster.AgentRemoveCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The CLI forms of the chat verbs: which picocli class runs which {@link Verb} under which parent.
 * A form's name is the verb's word and the first line of its help the verb's
 * {@link Verb#cliHelp()}, set here when the command tree is built (picocli's {@code @Command}
 * takes only constants), so a change to a {@code Verb} row shows in {@code --help}. The class's
 * own {@code @Command(description)} adds what is particular to the form.
 */
public final class VerbCommands {

    /** One CLI form: {@code mosaic <parent...> <verb word>} runs {@code command}. */
    public record Form(List<String> parent, Verb verb, Class<?> command) {
        public Form {
            parent = List.copyOf(parent);
        }

        /** E.g. {@code "fleet agent stop"}. */
        public String path() {
            return String.join(" ", parent) + " " + verb.word();
        }
    }

    private static final List<String> FLEET = List.of("fleet");
    private static final List<String> AGENT = List.of("fleet", "agent");

    /** Every form, in the order {@code --help} lists them after the parent's own subcommands. */
    public static final List<Form> FORMS = List.of(
            new Form(FLEET, Verb.START, FleetStartCommand.class),
            new Form(FLEET, Verb.STOP, FleetStopCommand.class),
            new Form(FLEET, Verb.PS, PsCommand.class),
            new Form(FLEET, Verb.COMMS, CommsCommand.class),
            new Form(FLEET, Verb.UPDATE, dev.mosaic.mos.cli.engine.FleetUpdateCommand.class),
            new Form(AGENT, Verb.ADD, AgentAddCommand.class),
            new Form(AGENT, Verb.REMOVE, AgentRemoveCommand.class),
            new Form(AGENT, Verb.START, AgentStartCommand.class),
            new Form(AGENT, Verb.STOP, AgentStopCommand.class),
            new Form(AGENT, Verb.RESTART, AgentRestartCommand.class),
            new Form(AGENT, Verb.STATUS, AgentStatusCommand.class),
            new Form(AGENT, Verb.SEND, AgentSendCommand.class),
            new Form(AGENT, Verb.TAIL, AgentTailCommand.class),
            new Form(AGENT, Verb.APPROVE, AgentApproveCommand.class),
            new Form(AGENT, Verb.DENY, AgentDenyCommand.class));

    private VerbCommands() {
    }

    /** Adds every form under its parent in {@code root}, named and described from its verb. */
    static void addTo(CommandLine root, CommandLine.IFactory factory) {
        for (Form f : FORMS) {
            CommandLine parent = root;
            for (String name : f.parent()) {
                parent = parent.getSubcommands().get(name);
            }
            CommandLine form = new CommandLine(f.command(), factory);
            List<String> description = new ArrayList<>();
            description.add(f.verb().cliHelp());
            description.addAll(Arrays.asList(form.getCommandSpec().usageMessage().description()));
            form.getCommandSpec().usageMessage().description(description.toArray(String[]::new));
            parent.addSubcommand(f.verb().word(), form);
        }
    }
}
