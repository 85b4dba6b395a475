package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code mosaic fleet agent deny NAME}: a person answers an agent's permission prompt. */
@Command(mixinStandardHelpOptions = true, description = "Presses Esc.")
public final class AgentDenyCommand extends PromptAnswerCommand {

    public AgentDenyCommand(CliContext context) {
        super(context, false);
    }
}
