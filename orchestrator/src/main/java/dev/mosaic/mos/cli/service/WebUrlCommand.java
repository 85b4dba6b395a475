package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.web.WebConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code mosaic mos web-url}: prints the web UI's admin login URL. The service writes it to a 0600
 * file instead of printing it when no person watches its output (systemd sends that to the journal).
 */
@Command(name = "web-url", mixinStandardHelpOptions = true,
        description = {"Print the web UI's login URL for the admin (it carries a token: keep it private).",
                "The service writes it to $MOSAIC_HOME/run/web-url.txt (mode 0600) when it starts."},
        footer = {"", "Exit codes: 0 printed, 1 the service has not written one yet, 2 usage."})
public final class WebUrlCommand implements Callable<Integer> {

    private final CliContext context;

    public WebUrlCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path file = WebConfig.tokenFile(context.env()).resolveSibling("web-url.txt");
        try {
            context.out().println(Files.readString(file, StandardCharsets.UTF_8).strip());
            return MosaicCli.OK;
        } catch (NoSuchFileException e) {
            throw new FleetException("no web login URL yet (" + file + " does not exist): start the service"
                    + " ('mosaic mos serve' or 'systemctl --user start mosaic-mos'), and give an admin principal"
                    + " a web id ('web: owner')");
        } catch (IOException e) {
            throw new FleetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
