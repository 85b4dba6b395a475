package dev.mosaic.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The release archive as a new user meets it: installed with deploy/install.sh into a throwaway
 * HOME, on a PATH with java and tmux but no Maven, then run through the demo, the service, an
 * upgrade and a rollback, and the systemd units with their mos.env. Real processes, real tmux on a
 * private socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path archive = Path.of(System.getProperty("mosaic.archive"));
    final String version = System.getProperty("mosaic.version");
    final String socket = "mosaic-dist-it-" + ProcessHandle.current().pid();
    Path repo;
    Path work;
    Path home;
    Path path;
    Path share;
    Path mosaic;
    Process serve;

    /** One finished process: exit code and output. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    void throwawayHomeAndAPathWithoutMaven() throws IOException {
        repo = Path.of(System.getProperty("mosaic.repo")).toRealPath();
        work = Files.createTempDirectory("mosaic-dist-it");
        home = Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("tmux"));
        path = pathWithout(work.resolve("path"), List.of("mvn", "mvnDebug"));
        share = home.resolve(".local/share/mosaic");
        mosaic = home.resolve(".local/bin/mosaic");
    }

    /** A folder of links to every program on the usual PATH except {@code excluded}, plus this JVM's java. */
    static Path pathWithout(Path dir, List<String> excluded) throws IOException {
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin")) {
            if (!Files.isDirectory(Path.of(d))) {
                continue;
            }
            try (Stream<Path> files = Files.list(Path.of(d))) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!excluded.contains(name) && Files.isExecutable(f) && !Files.exists(dir.resolve(name),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(dir.resolve(name), f);
                    }
                }
            }
        }
        return dir;
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        builder(Map.of(), List.of("tmux", "-L", socket, "kill-server")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", home.resolve(".local/bin") + ":" + path); // as ~/.profile puts it on PATH
        env.put("USER", System.getProperty("user.name"));
        env.put("LANG", "C.UTF-8");
        env.put("MOSAIC_TMUX_SOCKET", socket);
        env.put("TMUX_TMPDIR", work.resolve("tmux").toString()); // the socket file goes with the work dir
        // no user bus here: 'fleet install' must not reach a real systemd user manager
        env.put("XDG_RUNTIME_DIR", work.resolve("no-runtime-dir").toString());
        return env;
    }

    ProcessBuilder builder(Map<String, String> extra, List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment());
        pb.environment().putAll(extra);
        return pb;
    }

    Run run(Map<String, String> extra, String... argv) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = builder(extra, List.of(argv)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", argv));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    Run mosaic(String... args) throws Exception {
        // through the shell, so 'mosaic' is found on the user's PATH (~/.local/bin) as typed
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "exec mosaic \"$@\"", "mosaic"));
        argv.addAll(List.of(args));
        return run(Map.of(), argv.toArray(String[]::new));
    }

    Run install(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", repo.resolve("deploy/install.sh").toString()));
        argv.addAll(List.of(args));
        return run(Map.of(), argv.toArray(String[]::new));
    }

    Path current() throws IOException {
        return mosaic.toRealPath();
    }

    @Test
    @Order(1)
    void theArchiveInstallsWithoutMavenAndAgainWithoutChange() throws Exception {
        assertThat(run(Map.of(), "sh", "-c", "command -v mvn").code()).as("mvn on the test PATH").isNotZero();
        assertThat(archive.resolveSibling("SHA256SUMS")).content().contains(archive.getFileName().toString());

        Run first = install(archive.toString());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("checked " + archive.getFileName() + " against")
                .contains("installed Mos " + version + " in " + share.resolve(version));
        assertThat(current()).isEqualTo(share.resolve(version).resolve("bin/mosaic").toRealPath());
        Path release = share.resolve(version);
        assertThat(release.resolve("licenses/THIRD-PARTY.txt")).content().contains("picocli").contains("JDA");
        assertThat(release.resolve("presets/demo.yaml")).exists();
        assertThat(release.resolve("runtimes")).isDirectory();
        assertThat(release.resolve("docs/install.md")).exists();
        assertThat(release.resolve("docs/upgrade.md")).exists();
        assertThat(release.resolve("deploy/install.sh")).isExecutable();
        try (Stream<Path> jars = Files.list(release.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("orchestrator-"));
        }

        Run again = install(archive.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("reinstalled Mos " + version);
        assertThat(share.resolve("previous")).doesNotExist();
        assertThat(home.resolve(".config/mosaic")).doesNotExist();

        // a missing prerequisite is named with its Debian package
        Path noTmux = pathWithout(work.resolve("path-no-tmux"), List.of("mvn", "mvnDebug", "tmux"));
        Run refused = run(Map.of("PATH", noTmux.toString()), "sh", repo.resolve("deploy/install.sh").toString(),
                archive.toString());
        assertThat(refused.code()).isOne();
        assertThat(refused.err()).contains("tmux 3.2 or newer is needed").contains("apt install tmux");

        // a corrupt download is refused against SHA256SUMS
        Path bad = Files.createDirectories(work.resolve("bad")).resolve(archive.getFileName());
        Files.copy(archive, bad);
        Files.writeString(bad.resolveSibling("SHA256SUMS"), "0".repeat(64) + "  " + bad.getFileName() + "\n");
        Run corrupt = install(bad.toString());
        assertThat(corrupt.code()).isOne();
        assertThat(corrupt.err()).contains("does not match").contains("SHA256SUMS");
    }

    @Test
    @Order(2)
    void theInstalledLauncherRunsTheDemoAndTheServiceNoticesAnUpgradeAndARollback() throws Exception {
        Run init = mosaic("fleet", "init", "--preset", "demo", "--yes");
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(home.resolve(".config/mosaic/fleet/roster.yaml")).exists();
        try (Stream<Path> cds = Files.list(share.resolve(version).resolve("cds"))) {
            assertThat(cds.map(p -> p.getFileName().toString())).as("class-data archive made at first run")
                    .anyMatch(n -> n.endsWith(".jsa"));
        }
        Run start = mosaic("fleet", "start");
        assertThat(start.code()).as(start.toString()).isZero();
        Run ps = mosaic("fleet", "ps", "--json");
        assertThat(ps.code()).as(ps.toString()).isZero();
        JsonNode agents = JSON.readTree(ps.out()).path("agents");
        assertThat(agents).extracting(a -> a.path("name").asText() + "=" + a.path("state").asText())
                .contains("echo-1=running", "echo-2=running");

        Path log = work.resolve("serve.log");
        serve = builder(Map.of("MOSAIC_WEB_PORT", "0"), List.of("sh", "-c", "exec mosaic mos serve"))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // watch its output rather than polling with a JVM per try: 'serving' comes once everything started
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).contains("Mos is serving fleet");
        });
        Run status = mosaic("mos", "status");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains("version: " + version + "\n");
        assertThat(Files.readString(log)).contains("Web UI: ");
        // output to a log, not a terminal: the login URL (a credential) is not in it, but on demand
        assertThat(Files.readString(log)).doesNotContain("token=").contains("mosaic mos web-url");
        Run url = mosaic("mos", "web-url");
        assertThat(url.code()).as(url.toString()).isZero();
        assertThat(url.out()).startsWith("http://127.0.0.1:").contains("/login?token=");

        // a second build installed over it: the running service says a restart is due
        String next = version + "-next";
        Path nextArchive = repack(next);
        Run upgrade = install(nextArchive.toString());
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).contains("installed Mos " + next).contains("previous: " + version);
        assertThat(current()).isEqualTo(share.resolve(next).resolve("bin/mosaic").toRealPath());
        Run noticed = run(Map.of("MOSAIC_CDS", "0"), "sh", "-c", "exec mosaic mos status");
        assertThat(noticed.out()).as(noticed.toString()).contains("version: " + version + " (installed now: " + next
                + "; restart to run it: systemctl --user restart mosaic-mos)");

        assertThat(run(Map.of("MOSAIC_CDS", "0"), "sh", "-c", "exec mosaic --version").out()).isEqualTo("mosaic " + next + "\n");

        Run back = install("--rollback");
        assertThat(back.code()).as(back.toString()).isZero();
        assertThat(back.out()).contains("rolled back to Mos " + version);
        assertThat(current()).isEqualTo(share.resolve(version).resolve("bin/mosaic").toRealPath());
        assertThat(mosaic("mos", "status").out()).contains("version: " + version + "\n").doesNotContain("installed now");
        assertThat(share.resolve(next)).as("kept for a second --rollback").isDirectory();

        serve.destroy(); // SIGTERM, as systemd stops it
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Run stop = mosaic("fleet", "stop");
        assertThat(stop.code()).as(stop.toString()).isZero();
        assertThat(JSON.readTree(mosaic("fleet", "ps", "--json").out()).path("agents"))
                .extracting(a -> a.path("state").asText()).doesNotContain("running");
    }

    /** The archive again under another version: what a newer release looks like to install.sh. */
    Path repack(String newVersion) throws Exception {
        Path dir = Files.createDirectories(work.resolve("repack"));
        assertThat(run(Map.of(), "tar", "-xzf", archive.toString(), "-C", dir.toString()).code()).isZero();
        Path tree = dir.resolve("mosaic-" + version);
        Files.writeString(tree.resolve("VERSION"), newVersion + "\n");
        Files.move(tree, dir.resolve("mosaic-" + newVersion));
        String name = "mosaic-" + newVersion + ".tar.gz";
        // gzip -1: a quick pack of a 20 MB tree; install.sh reads any gzip level
        assertThat(run(Map.of(), "sh", "-c", "tar -cf - -C " + dir + " mosaic-" + newVersion + " | gzip -1 > " + name)
                .code()).isZero();
        assertThat(run(Map.of(), "sh", "-c", "sha256sum " + name + " > SHA256SUMS").code()).isZero();
        return work.resolve(name);
    }

    @Test
    @Order(3)
    void unitsReadMosEnvAndCommandsWithoutSecretsWorkWithoutThem() throws Exception {
        Run init = mosaic("fleet", "init", "--preset", "demo", "--yes", "--connector", "discord", "--discord-guild", "1",
                "--discord-channel", "2", "--discord-token-env", "DISCORD_BOT_TOKEN");
        assertThat(init.code()).as(init.toString()).isZero();

        Run config = mosaic("fleet", "config");
        assertThat(config.code()).as(config.toString()).isZero();
        assertThat(config.out()).contains("${env:DISCORD_BOT_TOKEN} (not set in this shell)");

        Run install = mosaic("fleet", "install");
        assertThat(install.code()).as(install.toString()).isZero();
        Path envFile = home.resolve(".config/mosaic/mos.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
        assertThat(envFile).content().contains("\nDISCORD_BOT_TOKEN=\n");
        Path units = home.resolve(".config/systemd/user");
        for (String unit : List.of("mosaic-mos.service", "mosaic-agent@.service")) {
            String text = Files.readString(units.resolve(unit), StandardCharsets.UTF_8);
            assertThat(text).contains("\nEnvironmentFile=-%h/.config/mosaic/mos.env\n")
                    .as("ExecStart points at the installed launcher, which survives upgrades")
                    .contains("ExecStart=" + mosaic + " ");
            if (run(Map.of(), "sh", "-c", "command -v systemd-analyze").code() == 0) {
                Run verify = run(Map.of(), "systemd-analyze", "verify", units.resolve(unit).toString());
                assertThat(verify.code()).as(verify.toString()).isZero();
            }
        }

        Run verify = mosaic("fleet", "verify");
        assertThat(verify.out()).contains("ok    " + envFile + " is private (rw-------)")
                .contains("warn  secret ${env:DISCORD_BOT_TOKEN} (connectors.discord.token) is not set in " + envFile
                        + ", where the service gets it");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));
        Run open = mosaic("fleet", "verify");
        assertThat(open.code()).as(open.toString()).isOne();
        assertThat(open.out()).contains("fail  " + envFile + " holds secrets and is readable by others (rw-r--r--)");
    }
}
