package dev.mosaic.mos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 11 row 13: one corpus of secrets as agents print them; each must vanish, its context stay. */
class RedactorCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("JWT", "session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c ok",
                        "eyJzdWIi", "session [redacted] ok"),
                Arguments.of("URL password", "git clone https://deploy:s3cr3tPassw0rd@git.example.com/team/app.git",
                        "s3cr3tPassw0rd", "https://deploy:[redacted]@git.example.com/team/app.git"),
                Arguments.of("database URL", "DATABASE_URL=postgres://app:hunter2hunter2@db:5432/app",
                        "hunter2hunter2", "postgres://app:[redacted]@db:5432/app"),
                Arguments.of("GitLab", "export GITLAB_TOKEN glpat-AbCdEfGhIjKlMnOpQrSt1234", "glpat-AbCd", "[redacted]"),
                Arguments.of("Hugging Face", "hf auth: hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "hf_AbCd", "hf auth: [redacted]"),
                Arguments.of("Discord webhook", "POST https://discord.com/api/webhooks/1234567890123456789/AbCdEf-GhIjKl_MnOpQrStUvWxYz0123456789abcdefGHIJ done",
                        "AbCdEf-GhIjKl", "POST [redacted] done"),
                Arguments.of("Slack webhook", "notify https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                        "XXXXXXXXXXXX", "notify [redacted]"),
                Arguments.of("Slack bot token", "SLACK_BOT_TOKEN=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
                        "pdFZKVeTuE8sk7", "SLACK_BOT_TOKEN=[redacted]"),
                Arguments.of("Slack app token", "app token xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef",
                        "0123456789abcdef0123", "app token [redacted]"),
                Arguments.of("Slack refresh token", "refresh xoxe.xoxp-1-Mi0yLTExMTExMTExMTExLTIyMjIyMjIyMjIyMjIyLTMzMzMz",
                        "Mi0yLTEx", "refresh [redacted]"),
                Arguments.of("PEM without END in the window", "tail:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nAbCdEf0123",
                        "MIIEowIBAAKCAQEA7bq", "tail:\n[redacted]"),
                Arguments.of("PEM without BEGIN in the window", "MIIEowIBAAKCAQEA7bq\nAbCdEf0123\n-----END RSA PRIVATE KEY-----\n$ ls",
                        "MIIEowIBAAKCAQEA7bq", "[redacted]\n$ ls"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theSecretIsGoneAndTheContextStays(String what, String text, String secretPart, String expected) {
        String out = Redactor.redact(text);
        assertThat(out).doesNotContain(secretPart).contains(Redactor.MARK);
        assertThat(out).contains(expected);
    }
}
