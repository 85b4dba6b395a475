package dev.mosaic.mos.web;

import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import dev.mosaic.mos.testing.PrivateTmux;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The real Mos service with the web UI as its only component (no chat connectors), over a temp
 * MOSAIC_HOME whose roster has one web principal, owner (admin), and a private tmux socket.
 */
final class WebServiceRun {

    /** What a test checks while the service runs; {@code printed} is what the service printed on start. */
    interface Check {
        void run(MosService service, WebComponent web, String printed) throws Exception;
    }

    private WebServiceRun() {
    }

    /** Starts the service, runs {@code check}, stops it and the tmux server; returns all it printed. */
    static String run(Path home, String fleetType, String orchestratorRuntime, Map<String, String> webEnv, Check check)
            throws Exception {
        PrivateTmux tmux = new PrivateTmux();
        Path roster = home.resolve("fleet/roster.yaml");
        Files.createDirectories(roster.getParent());
        Files.writeString(roster, """
                version: 1
                fleet: { name: svc, type: %s, comms: tmux }
                orchestrator: { name: mos, runtime: %s, workdir: %s }
                principals:
                  owner: { role: admin, web: owner }
                """.formatted(fleetType, orchestratorRuntime, home));
        Map<String, String> environment = Map.of("MOSAIC_HOME", home.toString(), "MOSAIC_TMUX_SOCKET", tmux.socket(),
                "USER", "tester", "HOME", home.toString(), "LANG", "C.UTF-8");
        CliContext context = new CliContext(environment, home, Clock.systemUTC(), false, "cli:tester",
                InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        StringWriter printed = new StringWriter();
        WebComponent web = new WebComponent(webEnv, new PrintWriter(printed), Clock.systemUTC());
        try (MosService service = new MosService(context, ServiceOptions.defaults(), ProviderCatalog.of(List.of()),
                new ProcessCommandRunner(), List.of(web))) {
            service.start();
            check.run(service, web, printed.toString());
        } finally {
            tmux.kill();
        }
        return printed.toString();
    }
}
