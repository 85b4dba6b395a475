package dev.mosaic.fleet.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control sockets stay within the unix socket path limit and in directories only this user can enter. */
class SshSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aShortHomeKeepsItsSocketsInsideAndALongOneGetsAPrivateShortDirectory() throws Exception {
        SshSettings shortHome = SshSettings.service(dir.resolve("h"), dir);
        Path s = shortHome.controlSocket("dragon");
        assertThat(s).isEqualTo(dir.resolve("h/ssh/cm/svc-dragon"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.getParent()))).isEqualTo("rwx------");

        Path deep = dir.resolve("a-rather-long-directory-name/and-another-one-below-it/mosaic-home");
        SshSettings longHome = SshSettings.cli(deep, dir);
        Path l = longHome.controlSocket("a-host-name-of-forty-characters-exactly");
        assertThat(l.toString()).startsWith(System.getProperty("java.io.tmpdir") + "/mosaic-ssh-");
        assertThat(l.toString().length()).isLessThanOrEqualTo(SshSettings.MAX_SOCKET_PATH);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(l.getParent()))).isEqualTo("rwx------");
        assertThat(longHome.knownHosts()).isEqualTo(deep.resolve("ssh/known_hosts"));
        Files.delete(l.getParent());
    }
}
