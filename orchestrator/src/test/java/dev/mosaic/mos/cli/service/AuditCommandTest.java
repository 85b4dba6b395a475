package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private AuditLog log;

    @BeforeEach
    void writeSomeRecords() {
        log = new AuditLog(home.resolve("audit").resolve("audit.jsonl"));
        Instant t = Instant.parse("2026-11-26T20:00:00Z");
        log.append(new AuditRecord(t, "discord:1234", "chat.ps", "", "ok", Map.of("platform", "discord")));
        log.append(new AuditRecord(t.plusSeconds(5), "discord:1234", "chat.remove", "coder-2", "pending confirmation", Map.of()));
        log.append(new AuditRecord(t.plusSeconds(9), "cli:ann", "agent.start", "coder-1", "ok", Map.of()));
    }

    private int run(String... args) {
        CliContext ctx = new CliContext(Map.of("MOSAIC_HOME", home.toString()), home, Clock.systemUTC(), false, "cli:test",
                InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
        return MosaicCli.run(ctx, args);
    }

    @Test
    void printsTheLogAsATable() {
        assertThat(run("mos", "audit")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("SEQ\\s+TIME\\s+ACTOR\\s+ACTION\\s+TARGET\\s+RESULT");
        assertThat(lines.get(2)).matches("2\\s+2026-11-26T20:00:05Z\\s+discord:1234\\s+chat.remove\\s+coder-2\\s+pending confirmation");
    }

    @Test
    void printsJsonLinesAndTheLastN() {
        assertThat(run("mos", "audit", "--json", "-n", "2")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"seq\":2,").contains("\"action\":\"chat.remove\"", "\"prev\":\"");
        assertThat(lines.get(1)).contains("\"actor\":\"cli:ann\"");
    }

    @Test
    void verifyPassesOnAnIntactLog() {
        assertThat(run("mos", "audit", "--verify")).isZero();
        assertThat(out.toString()).contains("audit log intact: 3 records");
    }

    @Test
    void verifyFailsNamingTheEditedLine() throws Exception {
        Path file = log.file();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"actor\":\"discord:1234\",\"action\":\"chat.remove\"",
                "\"actor\":\"discord:9999\",\"action\":\"chat.remove\""), StandardCharsets.UTF_8);

        assertThat(run("mos", "audit", "--verify")).isEqualTo(1);
        assertThat(err.toString()).contains("is broken", "line 3: prev hash does not match");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void verifyAgainstAPublishedHeadCatchesARewrittenLog() throws Exception {
        String published = log.head().toString();
        assertThat(run("mos", "audit", "--verify", "--head", published)).isZero();
        assertThat(out.toString()).contains("consistent with the published head " + published, "head: 3:");

        Files.delete(log.file());
        Files.delete(log.file().resolveSibling("audit.jsonl.head"));
        AuditLog forged = new AuditLog(log.file());
        for (int i = 0; i < 3; i++) {
            forged.append(new AuditRecord(Instant.parse("2026-11-26T20:00:00Z"), "cli:mallory", "agent.start", "x", "ok", Map.of()));
        }
        assertThat(run("mos", "audit", "--verify")).as("internally consistent").isZero();
        assertThat(run("mos", "audit", "--verify", "--head", published)).isEqualTo(1);
        assertThat(err.toString()).contains("record 3 does not match the published head", "rewritten");
    }

    @Test
    void aMalformedHeadIsAUsageErrorNamingTheValue() {
        assertThat(run("mos", "audit", "--verify", "--head", "twelve")).isEqualTo(2);
        assertThat(err.toString()).contains("--head", "'twelve'");
    }

    @Test
    void aTornLastLineIsReportedAndDoesNotBreakTheLog() throws Exception {
        Files.writeString(log.file(), "{\"seq\":4,\"ti", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(run("mos", "audit", "--verify")).isZero();
        assertThat(out.toString()).contains("note: a torn last record", "audit log intact: 3 records");
        assertThat(run("mos", "audit")).isZero();
    }

    @Test
    void anEmptyLogSaysSo() {
        Path other = home.resolve("other");
        CliContext ctx = new CliContext(Map.of("MOSAIC_HOME", other.toString()), home, Clock.systemUTC(), false, "cli:test",
                InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
        assertThat(MosaicCli.run(ctx, "mos", "audit")).isZero();
        assertThat(out.toString()).startsWith("The audit log is empty");
    }
}
