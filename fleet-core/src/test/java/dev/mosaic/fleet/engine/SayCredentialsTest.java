package dev.mosaic.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SayCredentialsTest {

    @TempDir
    Path home;

    @Test
    void aCredentialNamesItsAgentAndNothingElseVerifies() throws Exception {
        SayCredentials c = SayCredentials.of(home);
        assertThat(c.verify(c.issue("coder-1"))).as("no key yet").isPresent();
        String a = c.issue("coder-1");
        String b = c.issue("coder-1");
        assertThat(a).isNotEqualTo(b).startsWith("mos1.coder-1.");
        assertThat(c.verify(a)).contains("coder-1");
        assertThat(SayCredentials.of(home).verify(b)).contains("coder-1");

        // the key is private; a second process shares it
        Path key = home.resolve("run/say-credentials.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");

        // renaming the agent in a credential, a changed mac, another home's key, junk: refused
        assertThat(c.verify(a.replace("mos1.coder-1.", "mos1.mos."))).isEmpty();
        String forged = a.substring(0, a.length() - 1) + (a.endsWith("0") ? "1" : "0");
        assertThat(c.verify(forged)).isEmpty();
        assertThat(SayCredentials.of(home.resolve("other")).verify(a)).isEmpty();
        assertThat(c.verify("mos1.coder-1")).isEmpty();
        assertThat(c.verify(null)).isEmpty();

        // a credential shown in a pane never reaches chat
        assertThat(dev.mosaic.fleet.redact.Redactor.redact("cred " + a + " end")).isEqualTo("cred [redacted] end");
    }
}
