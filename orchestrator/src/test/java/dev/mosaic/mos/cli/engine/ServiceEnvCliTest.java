package dev.mosaic.mos.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need no secrets work without them; the service's secrets live in mos.env, which
 * {@code fleet install} creates and the units read, and {@code fleet verify} checks.
 */
class ServiceEnvCliTest {

    @TempDir
    Path user;

    final PrivateTmux tmux = new PrivateTmux();
    Map<String, String> environment;
    Path mosaicHome;
    Path envFile;

    @BeforeEach
    void discordRoster() throws Exception {
        // the default MOSAIC_HOME (~/.config/mosaic) of a throwaway home, as on a real machine
        environment = new HashMap<>(Map.of("MOSAIC_TMUX_SOCKET", tmux.socket(), "USER", "alice",
                "HOME", user.toString(), "MOSAIC_LAUNCHER", "/opt/mosaic/bin/mosaic"));
        mosaicHome = user.resolve(".config/mosaic");
        envFile = mosaicHome.resolve("mos.env");
        Files.createDirectories(mosaicHome.resolve("fleet"));
        Files.writeString(mosaicHome.resolve("fleet/roster.yaml"), """
                version: 1
                fleet: { name: team, type: coding }
                orchestrator:
                  name: mos
                  runtime: shell
                  command: cat
                  connectors:
                    discord: { token: "${env:DISCORD_BOT_TOKEN}", guild: "111", channel: "222" }
                    matrix: { homeserver: "http://127.0.0.1:1", userId: "@mos:localhost", token: "${env:MATRIX_TOKEN}", room: "!r:localhost" }
                agents: []
                """);
    }

    @AfterEach
    void killServer() {
        tmux.kill();
    }

    CliRun run(String... args) {
        return CliRun.run(environment, user, Clock.systemUTC(), "cli:alice", "", args);
    }

    @Test
    void configShowsAnUnsetSecretWithTheHintAndSucceeds() {
        CliRun config = run("fleet", "config");
        assertThat(config.code()).as(config.err()).isZero();
        assertThat(config.out()).contains("${env:DISCORD_BOT_TOKEN} (not set in this shell)")
                .contains("${env:MATRIX_TOKEN} (not set in this shell)");

        environment.put("DISCORD_BOT_TOKEN", "sekrit-value");
        CliRun set = run("fleet", "config");
        assertThat(set.out()).contains("token: '***'").doesNotContain("sekrit-value")
                .contains("${env:MATRIX_TOKEN} (not set in this shell)");
    }

    @Test
    void installWritesUnitsReadingMosEnvAndAPrivateTemplateOnce() throws Exception {
        CliRun dry = run("fleet", "install", "--dry-run");
        assertThat(dry.out()).contains("EnvironmentFile=-%h/.config/mosaic/mos.env").contains("DISCORD_BOT_TOKEN=");
        assertThat(envFile).doesNotExist();

        CliRun install = run("fleet", "install");
        assertThat(install.code()).as(install.err()).isZero();
        Path units = user.resolve(".config/systemd/user");
        for (String unit : new String[] {"mosaic-mos.service", "mosaic-agent@.service"}) {
            assertThat(Files.readString(units.resolve(unit))).contains("\nEnvironmentFile=-%h/.config/mosaic/mos.env\n")
                    .contains("ExecStart=/opt/mosaic/bin/mosaic ");
        }
        assertThat(install.out()).contains("wrote " + envFile + " (mode 0600)").contains("DISCORD_BOT_TOKEN, MATRIX_TOKEN");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
        String template = Files.readString(envFile);
        assertThat(template.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .containsExactly("DISCORD_BOT_TOKEN=", "MATRIX_TOKEN=");

        Files.writeString(envFile, "DISCORD_BOT_TOKEN=abc\n");
        CliRun again = run("fleet", "install");
        assertThat(again.out()).contains("kept " + envFile).contains("no value yet for MATRIX_TOKEN");
        assertThat(Files.readString(envFile)).isEqualTo("DISCORD_BOT_TOKEN=abc\n");
    }

    @Test
    void verifyWarnsAboutSecretsMissingFromMosEnvAndFailsOnAReadableOne() throws Exception {
        CliRun none = run("fleet", "verify");
        assertThat(none.code()).as(none.out()).isZero();
        assertThat(none.out()).contains("warn  secret ${env:DISCORD_BOT_TOKEN} (connectors.discord.token): there is no "
                + envFile + ", where the service gets it");

        run("fleet", "install");
        Files.writeString(envFile, "# tokens\nDISCORD_BOT_TOKEN=abc\nMATRIX_TOKEN=\n");
        environment.put("MATRIX_TOKEN", "in-my-shell-only");
        CliRun partly = run("fleet", "verify");
        assertThat(partly.code()).as(partly.out()).isZero();
        assertThat(partly.out()).contains("ok    " + envFile + " is private (rw-------)")
                .contains("ok    secret ${env:DISCORD_BOT_TOKEN} (connectors.discord.token) is set in " + envFile)
                .contains("warn  secret ${env:MATRIX_TOKEN} (connectors.matrix.token) is not set in " + envFile
                        + ", where the service gets it (this shell has it")
                .doesNotContain("abc").doesNotContain("in-my-shell-only");

        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun open = run("fleet", "verify");
        assertThat(open.code()).isEqualTo(1);
        assertThat(open.out()).contains("fail  " + envFile + " holds secrets and is readable by others (rw-r--r--)")
                .contains("fix: chmod 600 " + envFile);
    }

    @Test
    void webUrlPrintsTheFileTheServiceWroteOrSaysWhyNot() throws Exception {
        CliRun none = run("mos", "web-url");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no web login URL yet").contains("mosaic mos serve");
        Files.createDirectories(mosaicHome.resolve("run"));
        Files.writeString(mosaicHome.resolve("run/web-url.txt"), "http://127.0.0.1:7878/login?token=t0k\n");
        CliRun url = run("mos", "web-url");
        assertThat(url.code()).isZero();
        assertThat(url.out()).isEqualTo("http://127.0.0.1:7878/login?token=t0k\n");
    }
}
