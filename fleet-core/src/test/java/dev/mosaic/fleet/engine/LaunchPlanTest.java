package dev.mosaic.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPlanTest {

    @TempDir
    Path home;

    MosaicEnv env() {
        return new MosaicEnv(home, home.resolve("fleet/roster.yaml"), home.resolve("run"), Duration.ofSeconds(15),
                "mosaic-factory", "pi");
    }

    static final RuntimeProfile CLAUDE = new RuntimeProfile("claude", List.of("claude", "--verbose"),
            Map.of("A", "profile", "B", "profile"), Duration.ofMillis(300), List.of(), null, "Claude");

    @Test
    void profileCommandEnvLayeringAndLauncherWrapping() {
        AgentSpec a = new AgentSpec("coder-1", "coder", "claude", "~/src/app", null, null, Map.of("B", "agent"));
        LaunchPlan p = LaunchPlan.of(a, CLAUDE, env(), Map.of("MOSAIC_LAUNCHER", "/opt/mosaic"), Path.of("/home/u"),
                true);
        assertThat(p.command()).containsExactly("claude", "--verbose");
        assertThat(p.workdir()).isEqualTo("/home/u/src/app");
        assertThat(p.env()).containsEntry("A", "profile").containsEntry("B", "agent")
                .containsEntry("MOSAIC_AGENT_NAME", "coder-1").containsEntry("MOSAIC_TMUX_SOCKET", "mosaic-factory")
                .containsEntry("MOSAIC_HEARTBEAT_INTERVAL", "15").containsEntry("MOSAIC_LAUNCHER", "/opt/mosaic")
                .containsEntry("MOSAIC_HEARTBEAT_RUN_DIR", home.resolve("run").toString());
        List<String> args = p.newSessionArgs(Path.of("/l/launch"), env(), "/r/env/coder-1.x.env");
        assertThat(args.subList(0, 8)).containsExactly("new-session", "-d", "-s", "coder-1", "-x", "220", "-y", "50");
        int dash = args.indexOf("--");
        assertThat(args.subList(dash, args.size())).containsExactly("--", "/l/launch", "coder-1",
                home.resolve("run").toString(), "15", "/home/u/src/app", "--", "claude", "--verbose");
        // the launcher enters the workdir itself: tmux's -c would expand #() and #{} in it
        assertThat(args).doesNotContain("-c");
        // no value on the command line: only the env file's path
        assertThat(args).doesNotContain("B=agent").containsSubsequence("-e", "MOSAIC_ENV_FILE=/r/env/coder-1.x.env");
    }

    @Test
    void agentCommandOverridesTheProfileAndIsSplitWithoutAShell() {
        AgentSpec a = new AgentSpec("x", "coder", "claude", null, null, "python3 -c \"print('a; b')\" $HOME", Map.of());
        assertThat(LaunchPlan.of(a, CLAUDE, env(), Map.of(), home, true).command())
                .containsExactly("python3", "-c", "print('a; b')", "$HOME");
    }

    @Test
    void invalidEnvironmentNameIsRefusedNamingIt() {
        AgentSpec a = new AgentSpec("x", "coder", "claude", null, null, null, Map.of("BAD-NAME", "1"));
        assertThatThrownBy(() -> LaunchPlan.of(a, CLAUDE, env(), Map.of(), home, true))
                .isInstanceOf(FleetException.class).hasMessageContaining("'BAD-NAME'");
    }

    @Test
    void launcherIsWrittenExecutableAndRewrittenOnlyWhenItDiffers() throws Exception {
        Path l = Launcher.install(home);
        assertThat(l).isEqualTo(home.resolve("fleet/bin/mosaic-agent-launch"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(l))).isEqualTo("rwxr-xr-x");
        long before = Files.getLastModifiedTime(l).toMillis();
        Launcher.install(home);
        assertThat(Files.getLastModifiedTime(l).toMillis()).isEqualTo(before);
        Files.writeString(l, "#!/bin/sh\necho tampered\n");
        Launcher.install(home);
        assertThat(Files.readString(l)).contains("exec \"$@\"").doesNotContain("tampered");
    }
}
