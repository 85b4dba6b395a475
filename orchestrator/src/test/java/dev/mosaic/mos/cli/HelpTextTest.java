package dev.mosaic.mos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 11 row 19: picocli expands {@code ${env:X}} in help texts, so a description that shows a
 * secret reference printed "token=null". Every command's --help must show the reference as written.
 */
class HelpTextTest {

    @TempDir
    Path home;

    @Test
    void noHelpTextShowsAnExpandedReference() {
        CliContext ctx = new CliContext(Map.of("MOSAIC_HOME", home.toString()), home, Clock.systemUTC(), false,
                "cli:test", InputStream.nullInputStream(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(MosaicCli.commandLine(ctx), all);
        assertThat(all).hasSizeGreaterThan(20);
        for (CommandLine c : all) {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(c.getCommandSpec().qualifiedName()).doesNotContainPattern("\\bnull\\b");
        }
        CommandLine init = all.stream().filter(c -> c.getCommandSpec().qualifiedName().endsWith("fleet init"))
                .findFirst().orElseThrow();
        // help wraps long lines; compare with the wrapping taken out
        assertThat(init.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", ""))
                .contains("token=${env:BOT_TOKEN}", "${env:NAME}/${file:PATH}");
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }
}
