package dev.mosaic.mos.cli.engine;

import org.jspecify.annotations.Nullable;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent deny NAME}: a person answers an agent's permission prompt. */
@Command(mixinStandardHelpOptions = true, description = "Presses Esc.")
public final class AgentDenyCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Option(names = "--prompt", paramLabel = "ID", description = "Answer only this prompt (as relayed to chat).")
    @Nullable String prompt;

    public AgentDenyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return dev.mosaic.mos.cli.Render.run(context, new dev.mosaic.mos.app.Operation.Answer(name, false, prompt));
    }
}
