package dev.mosaic.bench;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.app.RateLimiter;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.service.Backoff;
import dev.mosaic.mos.service.LocalClient;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Speed figures of the Mos service with 100 agents in the roster, on a private throwaway tmux
 * socket: chat command to reply latency ({@code ps}, {@code send}) through the loopback
 * connector, router throughput with 1,000 commands, service start to ready (in-process and as a
 * child {@code mosaic mos serve --console}) and the child's resident memory. Prints figures;
 * asserts nothing (targets are in docs/benchmarks.md).
 */
public final class ServiceBench {

    private static final int AGENTS = 100;

    private final Path dir;
    private final TmuxServers servers = new TmuxServers(new ProcessCommandRunner());
    private final String socket = servers.add("mosaic-bench-" + UUID.randomUUID().toString().substring(0, 8));
    private final Map<String, String> environment = new HashMap<>();
    private final AtomicReference<LoopbackConnector> chat = new AtomicReference<>();

    private ServiceBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        ServiceBench b = new ServiceBench(Files.createTempDirectory("mosaic-service-bench"));
        try {
            if (args.length > 0 && args[0].equals("child")) {
                b.prepare();
                b.child();
            } else {
                b.run();
            }
        } finally {
            b.servers.stopAll();
        }
        System.exit(0);
    }

    private String roster(boolean withDiscord) {
        StringBuilder y = new StringBuilder("""
                version: 1
                fleet: { name: bench, type: general, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: cat
                  workdir: %s
                """.formatted(dir));
        if (withDiscord) {
            y.append("  connectors:\n    discord: { token: \"bench-token\", guild: \"1\", channel: \"c1\" }\n");
        }
        y.append("principals:\n  owner: { role: admin, discord: \"100\", console: bench }\nagents:\n");
        for (int i = 1; i <= AGENTS; i++) {
            y.append("  - { name: agent-").append(i).append(", role: worker, runtime: cat, workdir: ").append(dir)
                    .append(" }\n");
        }
        y.append("runtimes:\n  cat: { command: [cat], enterDelayMs: 0 }\n");
        return y.toString();
    }

    private Path prepare() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/roster.yaml"), roster(true));
        environment.put("MOSAIC_HOME", home.toString());
        environment.put("MOSAIC_TMUX_SOCKET", socket);
        environment.put("HOME", dir.toString());
        environment.put("USER", "bench");
        environment.put("LANG", "C.UTF-8");
        System.out.printf("Mos service benchmark (%d agents in the roster, %d cores)%n", AGENTS,
                Runtime.getRuntime().availableProcessors());
        return home;
    }

    private void run() throws Exception {
        prepare();

        ConnectorProvider discord = new ConnectorProvider() {
            @Override
            public String type() {
                return "discord";
            }

            @Override
            public List<ConfigField> configFields() {
                return List.of();
            }

            @Override
            public Connector create(ConnectorConfig config, ConnectorContext context) {
                LoopbackConnector c = new LoopbackConnector("discord", new ConnectorCapabilities(2000, true, true),
                        context, Duration.ofMillis(100));
                chat.set(c);
                return c;
            }
        };
        ServiceOptions options = new ServiceOptions(new ChatConfig(ChatConfig.DEFAULT_PREFIX, Duration.ofMinutes(2),
                new RateLimiter.Limits(1_000_000, 100_000)), Backoff.defaults(new Random()), Duration.ofMinutes(10),
                Duration.ofMillis(200), Map.of());
        CliContext ctx = new CliContext(environment, dir, Clock.systemUTC(), false, "cli:bench",
                InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        long t0 = System.nanoTime();
        try (MosService service = new MosService(ctx, options, ProviderCatalog.load(ServiceBench.class.getClassLoader())
                .with(discord), new ProcessCommandRunner(), List.of())) {
            service.start();
            while (service.connectors().connector("discord").isEmpty()) {
                Thread.onSpinWait();
            }
            System.out.printf("in-process start to ready (roster loaded, connector connected, endpoint up): %.0f ms%n",
                    ms(t0));
            t0 = System.nanoTime();
            StartReport r = service.fleet().start(List.of());
            System.out.printf("fleet start: %d agents in %.0f ms (%d failed)%n", r.started().size(), ms(t0),
                    r.failed().size());

            LoopbackConnector c = chat.get();
            latency(c, "ps", i -> "ps");
            latency(c, "send", i -> "send agent-" + (1 + i % AGENTS) + " hello " + i);
            throughput(c, "whoami", 1000);
            throughput(c, "ps", 300);
            withASlowConversation(service, c, 1000);
            latencyBesideASlowConversation(service, c);
        }
        child();
    }

    private void latency(LoopbackConnector c, String label, java.util.function.IntFunction<String> command) {
        for (int i = 0; i < 30; i++) { // warm-up
            answer(c, c.say(c.user("100"), c.dm("dm-100"), command.apply(i)));
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            OutboundMessage reply = answer(c, c.say(c.user("100"), c.dm("dm-100"), command.apply(i)));
            times.add(ms(t));
            if (reply.text().contains("failed")) {
                System.out.println("  unexpected reply: " + reply.text());
            }
        }
        Collections.sort(times);
        System.out.printf("%-6s chat command -> reply, 300 runs: median %.2f ms, p99 %.2f ms, max %.2f ms%n", label,
                times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.99) - 1),
                times.get(times.size() - 1));
    }

    /** The reply to {@code m}: anything else the service posts meanwhile (the audit chain head) is skipped. */
    private static OutboundMessage answer(LoopbackConnector c, InboundMessage m) {
        while (true) {
            OutboundMessage reply = c.awaitReply(Duration.ofSeconds(30));
            if (m.messageId().equals(reply.inReplyTo())) {
                return reply;
            }
        }
    }

    /**
     * How many of {@code sent} have an answer. Only replies to those very commands count: the
     * service also posts on its own (the audit chain head every 100 records), and a command may
     * get more than one message (an acknowledgement, a reply split in parts).
     */
    private static int answered(LoopbackConnector c, java.util.Set<String> sent) {
        return (int) c.replies().stream().map(OutboundMessage::inReplyTo).filter(java.util.Objects::nonNull)
                .filter(sent::contains).distinct().count();
    }

    private void throughput(LoopbackConnector c, String command, int n) {
        java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // ten channels, as a busy platform delivers them
            sent.add(c.say(c.user("100"), c.channel("room-" + (i % 10)), "!mos " + command).messageId());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // poll gently: on 2 cores a busy-waiting bench would steal the CPU the router needs
        while (answered(c, sent) < n && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        int got = answered(c, sent);
        double secs = ms(t) / 1000;
        System.out.printf("%-6s x %d through the router: %d replies (%d lost) in %.2f s = %.0f commands/s%n", command, n,
                got, n - got, secs, got / secs);
    }

    /**
     * 1,000 commands over nine conversations while a tenth runs a 2-second operation (a send to an
     * agent a person is typing into: it waits for their pause): none lost, the nine keep their pace.
     */
    private void withASlowConversation(MosService service, LoopbackConnector c, int n) {
        java.util.Set<String> fastOnes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        service.fleet().typingLease().humanTyped("agent-1"); // held for 2 s
        long t = System.nanoTime();
        java.util.Set<String> slowOne = java.util.Set.of(
                c.say(c.user("100"), c.channel("room-slow"), "!mos send agent-1 after the pause").messageId());
        for (int i = 0; i < n; i++) {
            fastOnes.add(c.say(c.user("100"), c.channel("room-" + (i % 9)), "!mos whoami").messageId());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        double fastDone = -1;
        double slowDone = -1;
        while ((fastDone < 0 || slowDone < 0) && System.nanoTime() < deadline) {
            long fast = answered(c, fastOnes);
            boolean slow = answered(c, slowOne) == 1;
            if (fastDone < 0 && fast >= n) {
                fastDone = ms(t);
            }
            if (slowDone < 0 && slow) {
                slowDone = ms(t);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
        long got = answered(c, fastOnes);
        System.out.printf("whoami x %d in 9 conversations while a 10th runs a 2 s send: %d replies (%d lost) in %.2f s"
                + " = %.0f commands/s; the slow one answered after %.2f s%n", n, got, n - got, fastDone / 1000,
                got / (fastDone / 1000), slowDone / 1000);
    }

    /**
     * One person's {@code whoami} one at a time (median of 100), alone and while another
     * conversation's send waits 2 s for a person typing: the nine keep their latency, not only
     * their throughput.
     */
    private void latencyBesideASlowConversation(MosService service, LoopbackConnector c) {
        double alone = medianWhoami(c, "room-0", 100);
        service.fleet().typingLease().humanTyped("agent-2"); // held for 2 s
        InboundMessage slow = c.say(c.user("100"), c.channel("room-slow"), "!mos send agent-2 after the pause");
        long t = System.nanoTime();
        double beside = medianWhoami(c, "room-1", 100);
        double besideTook = ms(t);
        boolean slowStillWaiting = c.replies().stream().noneMatch(m -> slow.messageId().equals(m.inReplyTo()));
        System.out.printf("whoami one at a time, median of 100: %.2f ms alone, %.2f ms beside a 2 s send in another"
                + " conversation (all 100 done in %.0f ms%s)%n", alone, beside, besideTook,
                slowStillWaiting ? ", while it still waited" : "; it had already answered");
        answer(c, slow);
    }

    private static double medianWhoami(LoopbackConnector c, String room, int n) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            answer(c, c.say(c.user("100"), c.channel(room), "!mos whoami"));
            times.add(ms(t));
        }
        Collections.sort(times);
        return times.get(n / 2);
    }

    private void child() throws Exception {
        Path home = dir.resolve("child-home");
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/roster.yaml"), roster(false));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the same JVM flags as the ./mosaic launcher
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.mosaic.mos.Main", "mos", "serve", "--console");
        pb.environment().putAll(environment);
        pb.environment().put("MOSAIC_HOME", home.toString());
        pb.redirectError(dir.resolve("child.err").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        double ready = -1;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            try {
                LocalClient.of(home).status();
                ready = ms(t0);
                break;
            } catch (RuntimeException notYet) {
                Thread.sleep(10);
            }
        }
        System.out.printf("child 'mosaic mos serve --console': process start to ready (mos status answers): %.0f ms%n",
                ready);
        OutputStream in = p.getOutputStream();
        StringBuffer seen = new StringBuffer();
        Thread pump = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream out = p.getInputStream()) {
                int n;
                while ((n = out.read(buf)) > 0) {
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the child ended
            }
        });
        pump.setDaemon(true);
        pump.start();
        long t1 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            in.write("ps\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(seen, "agent-100") < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.printf("child answered %d of 5 'ps' on the console in %.0f ms; resident memory then: %s%n",
                count(seen, "agent-100"), ms(t1), vmRss(p.pid()));
        in.close(); // Ctrl-D
        p.waitFor(30, TimeUnit.SECONDS);
        p.destroyForcibly();
    }

    private static int count(CharSequence s, String what) {
        int n = 0;
        for (int i = s.toString().indexOf(what); i >= 0; i = s.toString().indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String vmRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.0f MB (VmRSS %d kB)", kb / 1024.0, kb);
            }
        }
        return "unknown";
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
