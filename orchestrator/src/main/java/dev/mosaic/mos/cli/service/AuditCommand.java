package dev.mosaic.mos.cli.service;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.audit.AuditException;
import dev.mosaic.fleet.audit.AuditHead;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditLog.AuditEntry;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mosaic mos audit}: shows the audit log, or checks that nobody edited it. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = {
        "Show or verify the audit log ($MOSAIC_HOME/audit/audit.jsonl): every fleet action and chat command,",
        "hash-chained so an edited, inserted or deleted record is detected."},
        footer = {"", "Exit codes: 0 ok (or log intact), 1 the log is broken (--verify names the line), 2 usage."})
public final class AuditCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--verify", description = "Check the hash chain; exit 1 naming each broken line.")
    boolean verify;

    @Option(names = "--head", paramLabel = "SEQ:HASH", description = {
            "With --verify: also check the log against a head published earlier (Mos posts it to the admins'",
            "conversation at start and every 100 records); catches a log rewritten together with its .head file."})
    @Nullable String publishedHead;

    @Option(names = "--json", description = "Print the records as JSON lines, exactly as stored.")
    boolean json;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Only the last N records.")
    @Nullable Integer last;

    public AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AuditLog log = context.audit();
        PrintWriter out = context.out();
        if (publishedHead != null && !verify) {
            throw new ParameterException(spec.commandLine(), "--head is only used with --verify");
        }
        if (verify) {
            List<String> problems = publishedHead == null ? log.verify() : log.verify(parseHead());
            log.notes().forEach(n -> out.println("note: " + n));
            if (problems.isEmpty()) {
                out.println("audit log intact: " + log.read().size() + " records in " + log.file()
                        + (publishedHead == null ? "" : ", consistent with the published head " + publishedHead));
                out.println("head: " + log.head());
                return MosaicCli.OK;
            }
            PrintWriter err = context.err();
            err.println("error: audit log " + log.file() + " is broken:");
            problems.forEach(p -> err.println("  " + p));
            return MosaicCli.FAILURE;
        }
        if (json) {
            List<String> lines = rawLines(log.file());
            lines.subList(skip(lines.size()), lines.size()).forEach(out::println);
            return MosaicCli.OK;
        }
        List<AuditEntry> entries = log.read();
        if (entries.isEmpty()) {
            out.println("The audit log is empty (" + log.file() + ").");
            return MosaicCli.OK;
        }
        printTable(out, entries.subList(skip(entries.size()), entries.size()));
        return MosaicCli.OK;
    }

    private AuditHead parseHead() {
        try {
            return AuditHead.parse(publishedHead);
        } catch (AuditException e) {
            throw new ParameterException(spec.commandLine(), "--head: " + e.getMessage());
        }
    }

    private int skip(int size) {
        if (last == null) {
            return 0;
        }
        if (last < 0) {
            throw new ParameterException(spec.commandLine(), "--last must be 0 or more, was " + last);
        }
        return Math.max(0, size - last);
    }

    private static List<String> rawLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private static void printTable(PrintWriter out, List<AuditEntry> entries) {
        String[] head = {"SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "RESULT"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
        }
        List<String[]> rows = entries.stream().map(AuditCommand::row).toList();
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        out.println(format(head, w));
        rows.forEach(r -> out.println(format(r, w)));
    }

    private static String[] row(AuditEntry e) {
        AuditRecord r = e.record();
        return new String[] {Long.toString(e.seq()), r.time().toString(), r.actor(), r.action(), r.target(), r.result()};
    }

    private static String format(String[] cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) {
                b.append(cells[i]);
            } else {
                b.append(String.format("%-" + w[i] + "s  ", cells[i]));
            }
        }
        return b.toString().stripTrailing();
    }
}
