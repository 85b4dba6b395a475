package dev.mosaic.mos.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void hidesPlatformTokensWherever_theyAppear() {
        String discord = "MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123456";
        String out = Redactor.redact(String.join("\n",
                "DISCORD_BOT_TOKEN " + discord,
                "slack xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                "gh: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "openai sk-proj-abcdefghijklmnopqrstuvwxyz012345",
                "anthropic sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
                "aws AKIAIOSFODNN7EXAMPLE",
                "matrix syt_b3duZXI_abcdefghijklmnopqrst_1a2b3c",
                "telegram 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"));

        assertThat(out).doesNotContain(discord, "xoxb-", "ghp_", "sk-proj", "sk-ant", "AKIA", "syt_", "AAHdqTcv");
        assertThat(out.lines()).hasSize(8).allSatisfy(l -> assertThat(l).contains(Redactor.MARK));
        assertThat(out).startsWith("DISCORD_BOT_TOKEN [redacted]");
    }

    @Test
    void hidesBearerHeadersAndValuesAfterSecretKeys() {
        String out = Redactor.redact("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' \\\n"
                + "  api_key=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 password=\"hunter2hunter2\""
                + " MATRIX_TOKEN: c2VjcmV0c2VjcmV0c2VjcmV0");

        assertThat(out).contains("Bearer [redacted]", "api_key=[redacted]", "password=\"[redacted]", "MATRIX_TOKEN: [redacted]");
        assertThat(out).doesNotContain("eyJhbGci", "9f86d0818", "hunter2", "c2VjcmV0");
    }

    @Test
    void leavesOrdinaryOutputAlone() {
        String text = "coder-1  running  claude  healthy 2s\nmax_tokens: 4096 tokens used 1234\ncommit 3f2a9c1 fix: tests";
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void hidesAPrivateKeyBlock() {
        String out = Redactor.redact("key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\nok");
        assertThat(out).isEqualTo("key:\n[redacted]\nok");
    }
}
