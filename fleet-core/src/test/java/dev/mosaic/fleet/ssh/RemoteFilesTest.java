package dev.mosaic.fleet.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed scripts that move files to and from a remote host, run here with {@code sh} as ssh
 * runs them there (HOME = a temp dir): contents arrive byte for byte, hostile text stays text,
 * modes are private, and paths that could leave the directory are refused before anything runs.
 */
class RemoteFilesTest {

    @TempDir
    Path home;

    private String sh(String script, String stdin, List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "mosaic-test"));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }

    @Test
    void filesAreWrittenWholeWithPrivateModesAndReadBack() throws Exception {
        String hostile = "$(touch PWNED) `id` \"q\" 'x'\n\u001emosaic-file-not-a-mark\nlast line";
        List<RemoteFiles.File> files = List.of(
                new RemoteFiles.File("bin/tool", "#!/bin/sh\necho hi\n", true),
                new RemoteFiles.File("home/fleet/agents/a-1/claude/settings.json", hostile, false),
                new RemoteFiles.File("VERSION", "abc\n", false),
                new RemoteFiles.File("empty", "", false));
        sh(RemoteFiles.WRITE, RemoteFiles.writeInput(files), RemoteFiles.writeArgs(files));

        Path root = home.resolve(".local/share/mosaic");
        assertThat(root.resolve("bin/tool")).hasContent("#!/bin/sh\necho hi").isExecutable();
        assertThat(Files.readString(root.resolve("home/fleet/agents/a-1/claude/settings.json"))).isEqualTo(hostile + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                root.resolve("home/fleet/agents/a-1/claude/settings.json")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("home/fleet/agents")))
        ).isEqualTo("rwx------");
        assertThat(root.resolve("VERSION")).hasContent("abc");
        assertThat(root.resolve("empty")).isEmptyFile();
        assertThat(root.resolve("run")).isDirectory();
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".write"));
        }
        assertThat(home.resolve("PWNED")).doesNotExist();

        List<String> paths = List.of(".local/share/mosaic/VERSION", ".claude/settings.json");
        Map<String, String> read = RemoteFiles.parseRead(paths, sh(RemoteFiles.READ, null, paths));
        assertThat(read).containsEntry(".local/share/mosaic/VERSION", "abc\n").containsEntry(".claude/settings.json", "");
    }

    @Test
    void aLinkIsMadeOnlyToAnExistingFileAndNeverOverAnExistingPath() throws Exception {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/.credentials.json"), "{\"login\":1}");
        Path root = home.resolve(".local/share/mosaic");
        Files.createDirectories(root.resolve("home/b/claude"));
        Files.writeString(root.resolve("home/b/claude/.credentials.json"), "the agent's own");
        List<RemoteFiles.File> files = List.of(
                new RemoteFiles.File("home/a/claude/settings.json", "{}", false),
                RemoteFiles.File.link("home/a/claude/.credentials.json", ".claude/.credentials.json"),
                RemoteFiles.File.link("home/b/claude/.credentials.json", ".claude/.credentials.json"),
                RemoteFiles.File.link("home/c/claude/.credentials.json", ".claude/missing.json"),
                new RemoteFiles.File("home/a/claude/after", "x", false));
        sh(RemoteFiles.WRITE, RemoteFiles.writeInput(files), RemoteFiles.writeArgs(files));

        assertThat(Files.readSymbolicLink(root.resolve("home/a/claude/.credentials.json")))
                .isEqualTo(home.resolve(".claude/.credentials.json"));
        assertThat(root.resolve("home/a/claude/settings.json")).hasContent("{}");
        assertThat(root.resolve("home/a/claude/after")).hasContent("x");
        assertThat(root.resolve("home/b/claude/.credentials.json")).hasContent("the agent's own");
        assertThat(root.resolve("home/c")).doesNotExist();
        assertThatThrownBy(() -> RemoteFiles.File.link("x", "../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsThatCouldLeaveTheDirectoryAreRefused() {
        for (String bad : List.of("../x", "a/../../x", "/etc/passwd", "-rf", "a//b", "a/./b", "a b", "a/$(id)")) {
            assertThatThrownBy(() -> new RemoteFiles.File(bad, "", false)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> new RemoteFiles.File("x", "a\n\u001emosaic-file\nb", false))
                .hasMessageContaining("separator");
    }
}
