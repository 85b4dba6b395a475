package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.engine.SayCredentials;
import org.jspecify.annotations.Nullable;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.LocalClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic mos say}: an agent posts into the conversation that last addressed it. */
@Command(name = "say", mixinStandardHelpOptions = true, description = {
        "Post a message into the conversation that last addressed this agent (through the running service).",
        "The agent is $MOSAIC_AGENT_NAME (set in every agent's terminal); --as overrides it outside agents.",
        "An agent started by Mos speaks with its own say-credential ($MOSAIC_SAY_TOKEN): Mos posts and audits",
        "its words as that agent, and --as is refused."},
        footer = {"", "Examples:", "  mosaic mos say \"tests pass on main\"", "  make test 2>&1 | tail -5 | mosaic mos say -",
                "", "Exit codes: 0 posted, 1 not posted (service not running, no conversation yet, connector down), 2 usage."})
public final class SayCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "CONVERSATION",
            description = "Post here instead, e.g. discord:1517622518662434996 (as shown in the message prefix/audit).")
    String to;

    @Option(names = "--as", paramLabel = "NAME",
            description = "Speak as this agent (default: $MOSAIC_AGENT_NAME); not inside an agent, which speaks as itself.")
    @Nullable String as;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to say; '-' reads it from standard input.")
    List<String> words;

    public SayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String credential = context.environment().get(SayCredentials.ENV);
        boolean inAgent = credential != null && !credential.isBlank();
        if (inAgent && as != null) {
            // an agent started by Mos: the service takes the speaker from its credential, nothing else
            throw new ParameterException(spec.commandLine(), "--as is refused inside an agent: agent "
                    + SayCredentials.agentOf(credential) + " speaks only as itself (its say-credential, "
                    + SayCredentials.ENV + ", names it)");
        }
        String agent = inAgent ? SayCredentials.agentOf(credential)
                : as != null ? as : context.environment().get("MOSAIC_AGENT_NAME");
        if (agent == null || agent.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "who is speaking? MOSAIC_AGENT_NAME is not set (it is inside an agent's terminal); pass --as NAME");
        }
        String text = words.size() == 1 && words.get(0).equals("-") ? stdin() : String.join(" ", words);
        String where = LocalClient.of(context.env().home(), inAgent ? credential : null).say(agent, to, text);
        context.out().println("said in " + where);
        return MosaicCli.OK;
    }

    private String stdin() {
        try {
            return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
