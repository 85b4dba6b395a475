package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RosterStoreTest {

    static final String ROSTER = """
            # my fleet, hand-tuned
            version: 1
            fleet: { name: mosaic, type: coding, comms: tmux }
            hosts:
              dragon-lin: { ssh: "coder@dragon-lin", tmuxSocket: mosaic-factory }
            orchestrator:
              name: mos
              runtime: claude
              workdir: ~/src
              connectors:
                discord: { token: "${env:DISCORD_BOT_TOKEN}", guild: "111", channel: "222" }
            principals:
              owner: { role: admin, discord: "123456789012345678", console: alice }
            agents:
              # the main coder
              - name: coder-1
                role: coder
                runtime: codex   # fast
                workdir: ~/src/app
              - name: reviewer
                role: reviewer
                runtime: claude
                host: dragon-lin
            runtimes:
              claude: { command: "claude --verbose", enterDelayMs: 450 }
              mine: { command: [python3, -u, agent.py], description: my own harness }
            """;

    @TempDir
    Path dir;

    private RosterStore store(String text) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new RosterStore(file, null, new FakeConnectors());
    }

    @Test
    void loadsEveryBlockOfTheRoster() throws Exception {
        Roster r = store(ROSTER).load();
        assertThat(r.fleet().name()).isEqualTo("mosaic");
        assertThat(r.orchestrator().agent().name()).isEqualTo("mos");
        assertThat(r.orchestrator().agent().role()).isEqualTo("orchestrator");
        assertThat(r.orchestrator().connectors().get("discord")).containsEntry("token", "${env:DISCORD_BOT_TOKEN}")
                .containsEntry("guild", "111");
        assertThat(r.agents()).extracting(AgentSpec::name).containsExactly("coder-1", "reviewer");
        assertThat(r.host("dragon-lin").ssh()).isEqualTo("coder@dragon-lin");
        assertThat(r.principalsOn("discord")).containsKey("123456789012345678");
        RuntimeProfiles profiles = RuntimeProfiles.shipped();
        assertThat(profiles.resolve(r, "claude").command()).containsExactly("claude", "--verbose");
        assertThat(profiles.resolve(r, "claude").enterDelay().toMillis()).isEqualTo(450);
        assertThat(profiles.resolve(r, "claude").description()).contains("Claude Code");
        assertThat(profiles.resolve(r, "mine").command()).containsExactly("python3", "-u", "agent.py");
        assertThat(profiles.names(r)).contains("claude", "codex", "pi", "shell", "demo", "demo-orchestrator", "mine");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("malformed YAML", ROSTER.replace("role: coder\n", "role: [coder\n"), 18, "malformed YAML"),
                Arguments.of("unknown key", ROSTER.replace("    role: reviewer\n", "    rolle: reviewer\n"), 21,
                        "unknown key 'rolle'"),
                Arguments.of("invalid name", ROSTER.replace("name: coder-1", "name: Coder 1"), 16,
                        "agent name 'Coder 1' is invalid"),
                Arguments.of("duplicate name", ROSTER.replace("name: reviewer", "name: coder-1"), 20,
                        "agent name 'coder-1' is used twice"),
                Arguments.of("orchestrator name reused", ROSTER.replace("name: reviewer", "name: mos"), 20,
                        "agent name 'mos' is used twice"),
                Arguments.of("no orchestrator", ROSTER.replace("orchestrator:\n  name: mos", "orchestrat0r:\n  name: mos"), 6,
                        "unknown key 'orchestrat0r'"),
                Arguments.of("second orchestrator", ROSTER.replace("    role: reviewer\n", "    role: orchestrator\n"), 21,
                        "exactly one orchestrator"),
                Arguments.of("unknown runtime", ROSTER.replace("runtime: codex", "runtime: gpt9"), 18,
                        "runtime 'gpt9' is unknown"),
                Arguments.of("unknown host", ROSTER.replace("host: dragon-lin", "host: tiger"), 23,
                        "host 'tiger' is unknown"),
                Arguments.of("malformed secret", ROSTER.replace("${env:DISCORD_BOT_TOKEN}", "${envDISCORD}"), 11,
                        "secret reference '${envDISCORD}' is malformed"),
                Arguments.of("duplicate key", ROSTER.replace("    host: dragon-lin\n", "    host: dragon-lin\n    role: x\n"),
                        24, "key 'role' appears twice (first on line 21)"),
                Arguments.of("bad runtime override", ROSTER.replace("enterDelayMs: 450", "enterDelayMs: soon"), 25,
                        "enterDelayMs 'soon' must be a whole number"),
                Arguments.of("wrong version", ROSTER.replace("version: 1", "version: 7"), 2,
                        "version '7' is not supported"),
                Arguments.of("unknown connector", ROSTER.replace("discord: { token", "discrod: { token"), 11,
                        "connectors.discrod: no connector of type 'discrod' is installed (did you mean discord?);"
                                + " the installed types are console, discord"),
                Arguments.of("unknown connector key", ROSTER.replace("channel: \"222\"", "messageContnet: true"), 11,
                        "connectors.discord.messageContnet: unknown key (did you mean messageContent?)"),
                Arguments.of("unknown connector key, nothing close", ROSTER.replace("channel: \"222\"", "colour: red"),
                        11, "connectors.discord.colour: unknown key (discord takes channel, channels, guild,"
                                + " messageContent, prefix, token)"),
                Arguments.of("missing connector field", ROSTER.replace("guild: \"111\", ", ""), 11,
                        "connectors.discord.guild is required but not set"),
                Arguments.of("bad principal id", ROSTER.replace("discord: \"123456789012345678\"", "discord: alice"),
                        13, "principals.owner.discord: 'alice' is not a numeric Discord user id"),
                Arguments.of("unknown principal platform", ROSTER.replace("console: alice", "consloe: alice"), 13,
                        "principals.owner.consloe: unknown key (did you mean console?): use role or a platform"
                                + " (console, discord, web)"),
                Arguments.of("shell orchestrator", ROSTER.replace("  runtime: claude\n  workdir: ~/src",
                        "  runtime: shell\n  workdir: ~/src"), 8, "orchestrator runtime 'shell' would run chat text as shell commands"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputNamesFileLineAndValueAndLeavesTheFileAlone(String what, String text, int line, String message)
            throws Exception {
        RosterStore store = store(text);
        byte[] before = Files.readAllBytes(store.file());
        assertThatThrownBy(store::load).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:" + line + ": ").hasMessageContaining(message);
        assertThatThrownBy(() -> store.update(d -> d.addAgent(new AgentSpec("x", "coder", "pi", null, null, null, null))))
                .isInstanceOf(RosterException.class).hasMessageContaining("roster.yaml:" + line + ": ");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void missingOrchestratorIsReported() throws Exception {
        String text = ROSTER.substring(0, ROSTER.indexOf("orchestrator:")) + ROSTER.substring(ROSTER.indexOf("principals:"));
        assertThatThrownBy(store(text)::load).hasMessageContaining("roster.yaml:2: the roster needs 'orchestrator'");
    }

    @Test
    void aSecretReferenceCountsAsSetForARequiredConnectorField() throws Exception {
        // token is required and holds only "${env:DISCORD_BOT_TOKEN}", unresolved at load time
        assertThat(store(ROSTER).load().orchestrator().connectors().get("discord")).containsKey("token");
        assertThatThrownBy(store(ROSTER.replace("token: \"${env:DISCORD_BOT_TOKEN}\", ", ""))::load)
                .hasMessageContaining("roster.yaml:11: connectors.discord.token is required but not set");
    }

    @Test
    void withoutAConnectorSchemaConnectorBlocksAndPlatformsAreOpaque() throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, ROSTER.replace("discord: { token", "telegram: { colour: red, token")
                .replace("console: alice", "telegram: \"42\""), StandardCharsets.UTF_8);
        Roster r = new RosterStore(file).load();
        assertThat(r.orchestrator().connectors().get("telegram")).containsEntry("colour", "red");
        assertThat(r.principalsOn("telegram")).containsKey("42");
    }

    @Test
    void unresolvableSecretIsReportedWithItsLineWhenResolving() throws Exception {
        RosterStore store = store(ROSTER);
        assertThat(store.load().orchestrator().connectors()).containsKey("discord");
        assertThatThrownBy(() -> store.load(Map.of())).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:11: ").hasMessageContaining("${env:DISCORD_BOT_TOKEN}")
                .hasMessageContaining("DISCORD_BOT_TOKEN is not set");
        assertThat(store.load(Map.of("DISCORD_BOT_TOKEN", "s3cret")).fleet().name()).isEqualTo("mosaic");
    }

    @Test
    void updateKeepsCommentsKeyOrderAndUntouchedValues() throws Exception {
        RosterStore store = store(ROSTER);
        Roster r = store.update(d -> d.addAgent(new AgentSpec("tester", "tester", "pi", "~/src/app", null, null, null)));
        assertThat(r.agents()).extracting(AgentSpec::name).containsExactly("coder-1", "reviewer", "tester");
        String text = Files.readString(store.file());
        assertThat(text).contains("# my fleet, hand-tuned", "# the main coder", "# fast", "\"${env:DISCORD_BOT_TOKEN}\"",
                "\"123456789012345678\"", "name: tester");
        String untouched = ROSTER.substring(0, ROSTER.indexOf("runtimes:"));
        assertThat(text).startsWith(untouched).endsWith(ROSTER.substring(ROSTER.indexOf("runtimes:")));
        assertThat(text.indexOf("version:")).isLessThan(text.indexOf("fleet:"));
        assertThat(text.indexOf("agents:")).isLessThan(text.indexOf("runtimes:"));
        store.update(d -> assertThat(d.removeAgent("coder-1")).isTrue());
        text = Files.readString(store.file());
        assertThat(text).doesNotContain("coder-1").contains("# my fleet, hand-tuned", "name: tester",
                "  dragon-lin: { ssh: \"coder@dragon-lin\", tmuxSocket: mosaic-factory }\n");
        assertThat(store.load().agents()).extracting(AgentSpec::name).containsExactly("reviewer", "tester");
    }

    @Test
    void anAgentAddedToAnEmptyListStartsABlockList() throws Exception {
        RosterStore store = store("version: 1\nfleet: { name: f }\norchestrator: { name: mos, runtime: pi }\n"
                + "agents: []   # none yet\n");
        store.update(d -> d.addAgent(new AgentSpec("first", "coder", "pi", null, null, null, null)));
        assertThat(Files.readString(store.file())).startsWith("version: 1\nfleet: { name: f }\n")
                .contains("agents:\n  - name: first\n    role: coder\n    runtime: pi\n");
        assertThat(store.load().agents()).extracting(AgentSpec::name).containsExactly("first");
    }

    @Test
    void removingTheOrchestratorIsRefusedAndNothingIsWritten() throws Exception {
        RosterStore store = store(ROSTER);
        byte[] before = Files.readAllBytes(store.file());
        assertThatThrownBy(() -> store.update(d -> d.removeAgent("mos"))).isInstanceOf(RosterException.class)
                .hasMessageContaining("'mos' is the orchestrator");
        assertThatThrownBy(() -> store.update(d -> d.addAgent(new AgentSpec("reviewer", "x", "pi", null, null, null,
                null)))).hasMessageContaining("agent 'reviewer' already exists");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void anEditThatBreaksValidationIsNotWritten() throws Exception {
        RosterStore store = store(ROSTER);
        byte[] before = Files.readAllBytes(store.file());
        assertThatThrownBy(() -> store.update(d -> d.addAgent(new AgentSpec("ghost", "x", "nope", null, null, null,
                null)))).hasMessageContaining("runtime 'nope' is unknown");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void createRefusesAnExistingFileAndWritesValidatedText() throws Exception {
        RosterStore store = new RosterStore(dir.resolve("sub/roster.yaml"));
        assertThat(store.exists()).isFalse();
        assertThatThrownBy(store::load).hasMessageContaining("does not exist");
        store.create(ROSTER);
        assertThat(store.load().agents()).hasSize(2);
        assertThatThrownBy(() -> store.create(ROSTER)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> new RosterStore(dir.resolve("other.yaml")).create("version: 1\n"))
                .hasMessageContaining("other.yaml:1: the roster needs 'fleet'");
        assertThat(dir.resolve("other.yaml")).doesNotExist();
    }

    @Test
    void secretsResolveFromEnvAndFileAndNameOnlyTheReference() throws Exception {
        Path token = dir.resolve("tok");
        Files.writeString(token, "abc\n");
        assertThat(Secrets.resolve("${env:T}", Map.of("T", "xyz"))).isEqualTo("xyz");
        assertThat(Secrets.resolve("${file:" + token + "}", Map.of())).isEqualTo("abc");
        assertThat(Secrets.resolve("${file:~/tok}", Map.of("HOME", dir.toString()))).isEqualTo("abc");
        assertThat(Secrets.resolve("plain", Map.of())).isEqualTo("plain");
        assertThatThrownBy(() -> Secrets.resolve("${file:/nope/x}", Map.of()))
                .hasMessageContaining("'${file:/nope/x}' cannot be resolved");
        assertThat(Secrets.mask("${env:T}")).isEqualTo("***");
    }
}
