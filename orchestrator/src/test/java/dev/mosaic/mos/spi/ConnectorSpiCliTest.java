package dev.mosaic.mos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open connector SPI from the command line: the test-only {@link PigeonConnectorProvider}
 * gets {@code fleet init} flags and validation from its declared fields alone, and roster
 * mistakes about connectors are located errors.
 */
class ConnectorSpiCliTest {

    @TempDir
    Path home;

    private Path roster() {
        return home.resolve("fleet/roster.yaml");
    }

    private CliRun initPigeon(String... more) {
        String[] base = {"fleet", "init", "--preset", "demo", "--connector", "pigeon", "--pigeon-loft", "north",
                "--pigeon-api-key-env", "PIGEON_KEY", "--yes"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.inHome(home, args);
    }

    @Test
    void initHelpListsFlagsGeneratedFromTheProvidersFields() {
        CliRun help = CliRun.inHome(home, "fleet", "init", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--pigeon-loft=LOFT", "[pigeon] Pigeon loft the birds fly from",
                "--pigeon-api-key-env=VAR", "--pigeon-api-key-file=PATH", "--pigeon-cooing=COOING", "(default: quiet)")
                // the shipped connectors' flags come from their providers too
                .contains("--discord-guild=GUILD", "--discord-token-env=VAR", "--matrix-user-id=USER_ID",
                        "--matrix-password-file=PATH");
    }

    @Test
    void aTestOnlyConnectorIsConfiguredThroughGeneratedInitFlags() throws Exception {
        CliRun init = initPigeon("--pigeon-cooing", "loud", "--owner-id", "ring-7");
        assertThat(init.code()).as(init.err()).isZero();
        String text = Files.readString(roster());
        assertThat(text).contains("pigeon:", "loft: north", "apiKey: \"${env:PIGEON_KEY}\"", "cooing: loud",
                "pigeon: ring-7");
        CliRun list = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(list.code()).as(list.err()).isZero();
    }

    @Test
    void initMistakesWithAGeneratedConnectorAreUsageErrorsNamingTheFlag() {
        CliRun noKey = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "pigeon",
                "--pigeon-loft", "north", "--yes");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("--pigeon-api-key-env VAR or --pigeon-api-key-file PATH");

        CliRun literal = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "pigeon",
                "--pigeon-loft", "north", "--connector-opt", "apiKey=plain-secret", "--yes");
        assertThat(literal.code()).isEqualTo(2);
        assertThat(literal.err()).contains("--pigeon-api-key-env").doesNotContain("plain-secret");

        CliRun badOwner = initPigeon("--owner-id", "alice");
        assertThat(badOwner.code()).isEqualTo(2);
        assertThat(badOwner.err()).contains("--owner-id 'alice' is not a pigeon ring number such as ring-42");

        CliRun otherFlags = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "discord",
                "--pigeon-loft", "north", "--yes");
        assertThat(otherFlags.code()).isEqualTo(2);
        assertThat(otherFlags.err()).contains("--pigeon-... flags do not apply to --connector discord");
        assertThat(roster()).doesNotExist();
    }

    @Test
    void connectorMistakesInTheRosterAreLocatedErrors() throws Exception {
        assertThat(initPigeon("--owner-id", "ring-7").code()).isZero();
        String good = Files.readString(roster());
        int loftLine = lineOf(good, "loft: north");

        Files.writeString(roster(), good.replace("loft: north", "lfot: north"));
        CliRun typo = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains(roster() + ":" + loftLine
                + ": connectors.pigeon.lfot: unknown key (did you mean loft?)");

        Files.writeString(roster(), good.replace("  pigeon:\n", "  pidgeon:\n"));
        CliRun type = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(type.code()).isEqualTo(1);
        assertThat(type.err()).contains(roster() + ":" + (loftLine - 1)
                + ": connectors.pidgeon: no connector of type 'pidgeon' is installed (did you mean pigeon?)")
                .contains("the installed types are").contains("discord", "matrix", "console", "pigeon");

        Files.writeString(roster(), good.replaceAll("(?m)^ *loft: north\n", ""));
        CliRun missing = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains(roster() + ":" + (loftLine - 1)
                + ": connectors.pigeon.loft is required but not set");

        Files.writeString(roster(), good.replace("pigeon: ring-7", "pigeon: alice"));
        CliRun owner = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(owner.code()).isEqualTo(1);
        assertThat(owner.err()).contains(roster() + ":" + lineOf(good, "pigeon: ring-7")
                + ": principals.owner.pigeon: 'alice' is not a pigeon ring number such as ring-42");

        Files.writeString(roster(), good.replace("pigeon: ring-7", "discord: alice"));
        CliRun discord = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(discord.code()).isEqualTo(1);
        assertThat(discord.err()).contains(roster() + ":" + lineOf(good, "pigeon: ring-7")
                + ": principals.owner.discord: 'alice' is not a numeric Discord user id");

        Files.writeString(roster(), good.replace("pigeon: ring-7", "telegarm: \"42\""));
        CliRun platform = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(platform.code()).isEqualTo(1);
        // the telegram connector is installed, so the typo gets a suggestion
        assertThat(platform.err()).contains("principals.owner.telegarm: unknown key (did you mean telegram?): use role"
                + " or a platform (").contains("pigeon", "telegram", "web");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in\n" + text);
    }
}
