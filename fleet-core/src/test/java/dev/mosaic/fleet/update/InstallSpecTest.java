package dev.mosaic.fleet.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.runtime.InstallSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped profiles' update keys, placeholder filling, and version parsing. */
class InstallSpecTest {

    @Test
    void shippedHarnessProfilesInstallTheirNpmPackageIntoMosPrefixAndResumeTheConversation() {
        RuntimeProfiles shipped = RuntimeProfiles.shipped();
        for (String name : List.of("claude", "codex", "pi")) {
            RuntimeProfile p = shipped.base(name);
            assertThat(p.updatable()).as(name).isTrue();
            assertThat(p.install().prefixPath(Path.of("/home/u"), name))
                    .isEqualTo(Path.of("/home/u/.local/share/mosaic/harnesses/" + name));
            assertThat(p.install().installCommand()).contains("install", "--prefix", "{prefix}");
            assertThat(String.join(" ", p.install().installCommand())).contains("@{version}");
            assertThat(p.install().latestCommand()).startsWith("npm", "view");
            assertThat(p.install().resume()).isNotEmpty();
        }
        assertThat(shipped.base("pi").install().resume()).containsExactly("--continue");
        assertThat(shipped.base("codex").install().resume()).containsExactly("resume", "--last");
        assertThat(shipped.base("shell").updatable()).isFalse();
    }

    @Test
    void placeholdersAreFilledPerElementOnceAndNeverReparsed() {
        List<String> argv = InstallSpec.fill(List.of("npm", "install", "--prefix", "{prefix}", "pkg@{version}", "{other}"),
                Map.of("prefix", "/p/{version}; rm -rf /", "version", "1.2.3"));
        assertThat(argv).containsExactly("npm", "install", "--prefix", "/p/{version}; rm -rf /", "pkg@1.2.3", "{other}");
    }

    @Test
    void aRosterOverrideReplacesOnlyTheKeysItGivesAndABadBinIsRefused() {
        RuntimeProfile pi = RuntimeProfiles.overlay(RuntimeProfiles.shipped().base("pi"), "pi",
                Map.of("prefix", "/opt/h/{runtime}", "latestCommand", List.of("echo", "9.0.0")));
        assertThat(pi.install().prefixPath(Path.of("/home/u"), "pi")).isEqualTo(Path.of("/opt/h/pi"));
        assertThat(pi.install().latestCommand()).containsExactly("echo", "9.0.0");
        assertThat(pi.install().bin()).isEqualTo("node_modules/.bin/pi");
        assertThatThrownBy(() -> RuntimeProfiles.overlay(pi, "pi", Map.of("bin", "../../bin/sh")))
                .isInstanceOf(RosterException.class).hasMessageContaining("bin '../../bin/sh'");
    }

    @Test
    void theVersionIsTheFirstVersionWordOfTheOutput() {
        assertThat(Versions.parse("2.1.328 (Claude Code)\n")).isEqualTo("2.1.328");
        assertThat(Versions.parse("codex-cli 0.169.0")).isEqualTo("0.169.0");
        assertThat(Versions.parse("0.73.1\n")).isEqualTo("0.73.1");
        assertThat(Versions.parse("1.0.0-beta.2")).isEqualTo("1.0.0-beta.2");
        assertThat(Versions.parse("command not found")).isNull();
        assertThatThrownBy(() -> UpdateOptions.of(List.of("pi"), "1.0; rm")).isInstanceOf(UpdateException.class)
                .hasMessageContaining("'1.0; rm'");
    }
}
