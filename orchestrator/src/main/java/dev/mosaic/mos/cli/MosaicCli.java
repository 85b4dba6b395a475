package dev.mosaic.mos.cli;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.roster.InitCommand;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/**
 * Builds the picocli command tree and maps errors to exit codes in one place:
 * 0 ok, 1 failure (a {@link MosaicException}: its message, no stack trace), 2 usage.
 */
public final class MosaicCli {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private MosaicCli() {
    }

    /** A command line whose verbs are built with {@code context} injected. */
    public static CommandLine commandLine(CliContext context) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine cl = new CommandLine(MosaicCommand.class, factory);
        // the chat verbs' CLI forms take their names and help from the one verb table
        VerbCommands.addTo(cl, factory);
        // the connectors' own init flags come from the providers on the class path, not from annotations
        InitCommand.addConnectorOptions(cl.getSubcommands().get("fleet").getSubcommands().get("init")
                .getCommandSpec());
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof MosaicException || cause instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + cause.getMessage());
                return FAILURE;
            }
            commandLine.getErr().println("error: unexpected " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
            if (context.environment().containsKey("MOSAIC_DEBUG")) {
                cause.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set MOSAIC_DEBUG=1 for the stack trace)");
            }
            return FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return USAGE;
        });
        return cl;
    }

    public static int run(CliContext context, String... args) {
        int code = commandLine(context).execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** Creates command objects, passing the context to constructors that take one. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                c.setAccessible(true);
                return c.newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }
}
