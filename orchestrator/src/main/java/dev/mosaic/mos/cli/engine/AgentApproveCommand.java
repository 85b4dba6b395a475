package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code mosaic fleet agent approve NAME}: a person answers an agent's permission prompt. */
@Command(mixinStandardHelpOptions = true, description = "Presses the prompt's Yes.")
public final class AgentApproveCommand extends PromptAnswerCommand {

    public AgentApproveCommand(CliContext context) {
        super(context, true);
    }
}
