package dev.mosaic.mos.cli.engine;

import org.jspecify.annotations.Nullable;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.Render;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet agent approve|deny NAME}: a person answers an agent's permission prompt.
 * What the two verbs share (their arguments, the operation they run); each verb's class says only
 * which answer it gives and, in its {@code @Command}, what that presses.
 */
abstract class PromptAnswerCommand implements Callable<Integer> {

    private final CliContext context;
    private final boolean approve;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Option(names = "--prompt", paramLabel = "ID", description = "Answer only this prompt (as relayed to chat).")
    @Nullable String prompt;

    PromptAnswerCommand(CliContext context, boolean approve) {
        this.context = context;
        this.approve = approve;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.Answer(name, approve, prompt));
    }
}
