package dev.mosaic.mos.cli.service;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceComponent;
import dev.mosaic.mos.service.ServiceLogging;
import dev.mosaic.mos.service.ServiceOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mosaic mos serve}: runs the Mos service until SIGTERM (or Ctrl-D with {@code --console}). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the Mos service: the roster's connectors (orchestrator.connectors) under a supervisor, the command",
        "router, the bridge to the orchestrator agent, and a local endpoint for 'mos status' and 'mos say'.",
        "Reloads when the roster file changes; stops cleanly on SIGTERM. Logs to $MOSAIC_HOME/mos/mos.log."},
        footer = {"", "Exit codes: 0 stopped cleanly, 1 could not start (invalid roster, already running), 2 usage."})
public final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--console", description = "Also talk to Mos on this terminal (stdin/stdout) as $USER.")
    boolean console;

    public ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        return serve(context, console, service -> { });
    }

    /**
     * Runs the service until it is stopped; {@code ready} runs once it serves (UpCommand starts
     * the fleet there).
     */
    static int serve(CliContext context, boolean console, Consumer<MosService> ready) throws InterruptedException {
        ServiceLogging.toFile(context.env().home().resolve("mos").resolve("mos.log"), console);
        ServiceOptions options = ServiceOptions.defaults();
        if (console) {
            String user = context.environment().getOrDefault("USER", context.userHome().getFileName() == null
                    ? "user" : context.userHome().getFileName().toString());
            options = options.withExtraConnector(new ConnectorConfig("console", Map.of("user", user)));
        }
        ClassLoader cl = ServeCommand.class.getClassLoader();
        MosService service = new MosService(context, options, ProviderCatalog.load(cl), new ProcessCommandRunner(),
                components(cl, context));
        Thread hook = new Thread(service::close, "mos-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (service) {
            service.start();
            context.err().println("Mos is serving fleet '" + service.roster().fleet().name() + "' (roster "
                    + context.env().roster() + "); 'mosaic mos status' shows its connectors. Stop with Ctrl-C"
                    + (console ? " or Ctrl-D." : " or SIGTERM."));
            context.err().flush();
            ready.accept(service);
            service.awaitStop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it closes the service
            }
        }
        return MosaicCli.OK;
    }

    /** Service components found with ServiceLoader (the web UI registers itself this way). */
    private static List<ServiceComponent> components(ClassLoader cl, CliContext context) {
        List<ServiceComponent> out = new ArrayList<>();
        Iterator<ServiceComponent> it = ServiceLoader.load(ServiceComponent.class, cl).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                context.err().println("warning: a service component failed to load: " + e.getMessage());
            }
        }
    }
}
