package dev.mosaic.mos.cli.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic fleet comms} and {@code fleet init --comms}, in-process against a temp MOSAIC_HOME. */
class CommsCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.inHome(home, args);
    }

    private Path roster() {
        return home.resolve("fleet/roster.yaml");
    }

    private void initWithMatrix(String... extra) {
        String[] base = {"fleet", "init", "--preset", "demo", "--yes", "--connector", "matrix",
                "--matrix-homeserver", "http://127.0.0.1:8008", "--matrix-user-id", "@mos:localhost",
                "--matrix-room", "#mos:localhost", "--matrix-token-env", "MATRIX_TOKEN"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        CliRun r = run(all);
        assertThat(r.code()).as(r.err()).isZero();
    }

    private java.util.List<String> audit() {
        return new AuditLog(home.resolve("audit/audit.jsonl")).read().stream()
                .filter(e -> e.record().action().equals("fleet.comms"))
                .map(e -> e.record().actor() + " " + e.record().target() + " " + e.record().result()).toList();
    }

    @Test
    void showsTheModeOfANewFleet() {
        initWithMatrix();
        CliRun r = run("fleet", "comms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("comms: tmux").contains("tmux pane");
    }

    @Test
    void switchesToMatrixAndBackEditingOnlyThatKeyAndAuditsEachSwitch() throws Exception {
        initWithMatrix();
        String before = Files.readString(roster());

        CliRun toMatrix = run("fleet", "comms", "matrix");
        assertThat(toMatrix.code()).as(toMatrix.err()).isZero();
        assertThat(toMatrix.out()).contains("comms switched from tmux to matrix", "one room per agent");
        assertThat(Files.readString(roster())).isEqualTo(before.replace("comms: tmux", "comms: matrix"));
        assertThat(run("fleet", "comms").out()).startsWith("comms: matrix");

        CliRun again = run("fleet", "comms", "MATRIX");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("comms is already matrix");

        CliRun back = run("fleet", "comms", "tmux");
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out()).contains("comms switched from matrix to tmux");
        assertThat(Files.readString(roster())).isEqualTo(before);

        assertThat(audit()).containsExactly("cli:alice matrix ok", "cli:alice matrix unchanged", "cli:alice tmux ok");
    }

    @Test
    void refusesMatrixWithoutAMatrixConnectorAndLeavesTheRosterAlone() throws Exception {
        assertThat(run("fleet", "init", "--preset", "demo", "--yes").code()).isZero();
        byte[] before = Files.readAllBytes(roster());

        CliRun r = run("fleet", "comms", "matrix");
        assertThat(r.code()).isOne();
        assertThat(r.err()).contains("comms matrix needs a Matrix connector", "orchestrator.connectors.matrix")
                .doesNotContain("Exception");
        assertThat(Files.readAllBytes(roster())).isEqualTo(before);
        assertThat(audit()).containsExactly("cli:alice matrix refused");
    }

    @Test
    void anUnknownModeIsAUsageError() {
        initWithMatrix();
        CliRun r = run("fleet", "comms", "carrier-pigeon");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'carrier-pigeon' is not a comms mode; use tmux or matrix");
    }

    @Test
    void initTakesTheModeAsAFlagAndRefusesMatrixWithoutTheConnector() throws Exception {
        CliRun refused = run("fleet", "init", "--preset", "demo", "--yes", "--comms", "matrix");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--comms matrix needs the Matrix connector");
        assertThat(roster()).doesNotExist();

        initWithMatrix("--comms", "matrix");
        assertThat(Files.readString(roster())).contains("comms: matrix");
        assertThat(run("fleet", "comms").out()).startsWith("comms: matrix");
    }
}
