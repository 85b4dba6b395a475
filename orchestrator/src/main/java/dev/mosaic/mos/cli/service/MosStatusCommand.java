package dev.mosaic.mos.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.LocalClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mosaic mos status}: asks the running service for its connectors' states and last errors. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running service's connectors and their last errors.",
        footer = {"", "Exit codes: 0 running, 1 not running (or unreachable), 2 usage."})
public final class MosStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print the status document (mosaic.mos.status/v1).")
    boolean json;

    public MosStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode s = LocalClient.of(context.env().home()).status();
        PrintWriter out = context.out();
        if (json) {
            out.println(s.toPrettyString());
            return MosaicCli.OK;
        }
        out.println("Mos is running (pid " + s.path("pid").asLong() + ", since " + s.path("startedAt").asText()
                + "), fleet '" + s.path("fleet").asText() + "'");
        out.println("roster: " + s.path("roster").asText());
        if (s.hasNonNull("version")) {
            String installed = s.path("installedVersion").asText(null);
            out.println("version: " + s.path("version").asText() + (installed == null
                    || installed.equals(s.path("version").asText()) ? ""
                    : " (installed now: " + installed + "; restart to run it: systemctl --user restart mosaic-mos)"));
        }
        if (s.hasNonNull("rosterError")) {
            out.println("roster change NOT applied (previous roster kept): " + s.path("rosterError").asText());
        }
        JsonNode cs = s.path("connectors");
        if (cs.isEmpty()) {
            out.println("No connectors configured (add one under orchestrator.connectors, or serve --console).");
        } else {
            int w = 9;
            for (JsonNode c : cs) {
                w = Math.max(w, c.path("type").asText().length());
            }
            out.println(String.format("%-" + w + "s  %-10s  %-20s  %s", "CONNECTOR", "STATE", "SINCE", "DETAIL"));
            for (JsonNode c : cs) {
                String detail = c.path("detail").asText();
                if (c.hasNonNull("lastError") && !c.path("lastError").asText().equals(detail)) {
                    detail += (detail.isBlank() ? "" : "; ") + "last error: " + c.path("lastError").asText();
                }
                if (c.hasNonNull("nextRetry")) {
                    detail += " (next try " + c.path("nextRetry").asText() + ")";
                }
                out.println(String.format("%-" + w + "s  %-10s  %-20s  %s", c.path("type").asText(),
                        c.path("state").asText(), c.path("since").asText().replaceFirst("\\.\\d+Z$", "Z"), detail));
            }
        }
        JsonNode comms = s.path("comms");
        if (comms.has("mode")) {
            StringBuilder line = new StringBuilder("comms: " + comms.path("mode").asText());
            comms.path("rooms").fields().forEachRemaining(e -> line.append(line.indexOf("rooms") < 0 ? "; rooms: " : ", ")
                    .append(e.getKey()).append(' ').append(e.getValue().asText()));
            out.println(line);
        }
        for (JsonNode e : s.path("providerErrors")) {
            out.println("connector provider failed to load: " + e.asText());
        }
        return MosaicCli.OK;
    }
}
