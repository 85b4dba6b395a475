package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.mos.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic mos serve --console} and {@code mosaic up} as real child processes, as a person runs them. */
class ServeProcessTest {

    @TempDir
    Path dir;

    ServiceFixture f;
    Process process;
    final StringBuffer stdout = new StringBuffer();
    final StringBuffer stderr = new StringBuffer();

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (f != null) {
            f.close();
        }
    }

    private void launch(Map<String, String> env, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command(new java.util.ArrayList<>(List.of(f.environment.get("MOSAIC_LAUNCHER"))));
        pb.command().addAll(List.of(args));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        // as in a real terminal session: without a UTF-8 locale tmux prints tabs in formats as '_'
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        pb.directory(dir.toFile());
        process = pb.start();
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    private static void pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Test
    void serveWithTheConsoleAnswersOnTheTerminalAndStopsCleanlyOnSigterm() throws Exception {
        f = new ServiceFixture(dir);
        Files.writeString(f.rosterFile, f.roster("c1").replaceAll("(?s)  connectors:.*?channel: \"c1\"\n", ""));
        launch(f.environment, "mos", "serve", "--console");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.cli(Map.of(), "mos", "status").code() == 0);

        type("whoami");
        await().atMost(20, TimeUnit.SECONDS).until(() -> stdout.toString().contains("mos> You are owner (admin)"));
        CliRun status = f.cli(Map.of(), "mos", "status");
        assertThat(status.out()).containsPattern("console\\s+CONNECTED");
        // components (the web UI) start after the console and the endpoint answer: the line comes last
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                Files.readString(f.home.resolve("mos/mos.log"))).contains("Mos is serving fleet 'testfleet'"));
        assertThat(Files.readString(f.home.resolve("mos/mos.log"))).doesNotContain(ServiceFixture.TOKEN);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(stderr.toString()).isTrue();
        assertThat(ServiceFile.path(f.home)).doesNotExist();
        CliRun after = f.cli(Map.of(), "mos", "status");
        assertThat(after.code()).isEqualTo(1);
        assertThat(after.err()).contains("Mos is not running");
        assertThat(f.cli(Map.of(), "mos", "audit", "--json").out()).contains("mos.serve.stop");
    }

    @Test
    void upCreatesTheDemoFleetStartsItAndTalksOnTheTerminal() throws Exception {
        f = new ServiceFixture(dir);
        Files.delete(f.rosterFile);
        Map<String, String> env = new java.util.HashMap<>(f.environment);
        env.remove("MOSAIC_HOME");
        launch(env, "up");
        Path upHome = dir.resolve(".mosaic-up");
        await().atMost(90, TimeUnit.SECONDS).until(() -> stdout.toString().contains("type `ps`, `help`"));
        assertThat(upHome.resolve("fleet/roster.yaml")).exists();
        assertThat(stdout.toString()).contains("Creating a demo fleet").contains("started [mos, echo-1, echo-2]");

        type("ps");
        await().atMost(20, TimeUnit.SECONDS).until(() -> stdout.toString().contains("echo-2"));
        type("good morning mos");
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(stdout.toString())
                .contains("mos> Mos (demo) heard: [console DM owner(admin)] good morning mos"));

        process.getOutputStream().close(); // Ctrl-D
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(stderr.toString()).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
