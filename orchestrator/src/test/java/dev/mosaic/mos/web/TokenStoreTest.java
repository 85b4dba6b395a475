package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens: created once per web id, kept, revocable by editing the file, never readable by others. */
class TokenStoreTest {

    @Test
    void tokensAreCreatedOncePerWebIdAndKept(@TempDir Path dir) {
        Path file = dir.resolve("run/web-tokens.json");
        Map<String, String> first = new TokenStore(file).ensure(List.of("owner", "ops"));
        assertThat(first.get("owner")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(first.get("ops"));
        TokenStore again = new TokenStore(file);
        assertThat(again.ensure(List.of("owner", "ops", "watcher"))).containsEntry("owner", first.get("owner"))
                .containsEntry("ops", first.get("ops")).containsKey("watcher");
        assertThat(again.webIdFor(first.get("ops"))).contains("ops");
        assertThat(again.webIdFor(first.get("ops") + "x")).isEmpty();
        assertThat(again.webIdFor("")).isEmpty();
    }

    @Test
    void deletingATokenFromTheFileRevokesItAndAWideModeIsTightened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("web-tokens.json");
        TokenStore store = new TokenStore(file);
        String owner = store.ensure(List.of("owner")).get("owner");
        assertThat(store.webIdFor(owner)).contains("owner");
        Files.writeString(file, "{\"version\":1,\"tokens\":{\"hand-made-token\":\"ops\"}}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(store.webIdFor(owner)).isEmpty();
        assertThat(store.webIdFor("hand-made-token")).contains("ops");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFileThatIsNoTokenStoreIsReportedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("web-tokens.json");
        Files.writeString(file, "[1,2,3]");
        assertThatThrownBy(() -> new TokenStore(file).webIdFor("x")).isInstanceOf(WebException.class)
                .hasMessageContaining(file + " is not a token store");
    }
}
