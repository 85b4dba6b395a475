package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The roster's {@code hosts:} block: every key, and no value that ssh could read as an option. */
class HostsBlockTest {

    @TempDir
    Path dir;

    private Roster load(String host) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, """
                version: 1
                fleet: { name: mosaic }
                hosts:
                  dragon: %s
                orchestrator: { name: mos, runtime: claude }
                agents:
                  - { name: rev, role: reviewer, runtime: claude, host: dragon }
                """.formatted(host), StandardCharsets.UTF_8);
        return new RosterStore(file).load();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Roster r = load("{ ssh: dragon.lan, port: 2222, user: coder, identityFile: ~/.ssh/id_mos, tmuxSocket: fleet,"
                + " sshOptions: { ProxyJump: bastion.lan, Compression: \"yes\" } }");
        HostSpec h = r.host("dragon");
        assertThat(h.ssh()).isEqualTo("dragon.lan");
        assertThat(h.port()).isEqualTo(2222);
        assertThat(h.user()).isEqualTo("coder");
        assertThat(h.identityFile()).isEqualTo("~/.ssh/id_mos");
        assertThat(h.tmuxSocket()).isEqualTo("fleet");
        assertThat(h.sshOptions()).isEqualTo(Map.of("ProxyJump", "bastion.lan", "Compression", "yes"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{ ssh: \"-oProxyCommand=touch /tmp/x\" }|ssh destination '-oProxyCommand=touch /tmp/x' is not a host name",
        "{ ssh: \"coder@dragon; id\" }|ssh destination 'coder@dragon; id' is not a host name",
        "{ ssh: dragon, user: \"-oProxyCommand=x\" }|user '-oProxyCommand=x' must be a login name",
        "{ ssh: dragon, identityFile: \"-F/tmp/evil\" }|identityFile '-F/tmp/evil' must be a file path",
        "{ ssh: dragon, port: 70000 }|port 70000 is not between 1 and 65535",
        "{ ssh: dragon, port: abc }|port 'abc' is not a number",
        "{ ssh: dragon, sshOptions: { ProxyCommand: \"sh -c id\" } }|sshOptions key 'ProxyCommand' is not allowed",
        "{ ssh: dragon, sshOptions: { StrictHostKeyChecking: \"no\" } }|sshOptions key 'StrictHostKeyChecking' is not allowed",
        "{ ssh: dragon, sshOptions: { ProxyJump: \"-oProxyCommand=id\" } }|sshOptions ProxyJump value '-oProxyCommand=id'",
        "{ ssh: dragon, tmuxSocket: \"a b\" }|tmuxSocket 'a b' must be 1-64",
        "{ ssh: dragon, password: x }|unknown key",
    })
    void optionInjectionAndBadValuesAreRefusedNamingTheValue(String host, String message) {
        assertThatThrownBy(() -> load(host)).isInstanceOf(RosterException.class).hasMessageContaining(message);
    }

    @Test
    void theOrchestratorStaysWhereMosRunsAndTheErrorSaysWhereAndWhy() throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, """
                version: 1
                fleet: { name: mosaic }
                hosts:
                  dragon: { ssh: dragon.lan }
                orchestrator:
                  name: mos
                  runtime: claude
                  host: dragon
                agents: []
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new RosterStore(file).load())
                .hasMessageContaining(file + ":8")
                .hasMessageContaining("orchestrator: host 'dragon' is not allowed: the orchestrator runs where Mos runs")
                .hasMessageContaining("put worker agents on 'dragon' instead");
    }
}
