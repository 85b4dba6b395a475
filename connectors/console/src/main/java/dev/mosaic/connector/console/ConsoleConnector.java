package dev.mosaic.connector.console;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.connector.TextSplitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Talks to Mos from a terminal: every non-blank line read from the input is a direct message
 * from the local user in conversation {@code console:tty}; every reply is printed with the prefix
 * {@code "mos> "}.
 *
 * <p>The input is read on a daemon thread. {@link #close()} stops delivery but does not close the
 * streams, which belong to the caller (usually {@code System.in} / {@code System.out}).
 */
public final class ConsoleConnector implements Connector {

    /** The platform name on conversations and senders. */
    public static final String PLATFORM = "console";
    /** The one conversation of the console. */
    public static final Conversation TTY = new Conversation(PLATFORM, "tty", null, true);
    /** What every printed reply starts with. */
    public static final String PROMPT = "mos> ";

    /** A terminal shows text as it is: Markdown fences would only be noise around tables. */
    private static final ConnectorCapabilities CAPABILITIES = new ConnectorCapabilities(100_000, false, false);

    private final Sender user;
    private final InputStream in;
    private final PrintStream out;
    private final ConnectorContext context;
    private final TextSplitter splitter = new TextSplitter(CAPABILITIES.maxMessageLength());
    private final AtomicLong seq = new AtomicLong();
    private final Object lock = new Object();
    private Thread reader;
    private boolean closed;

    /**
     * @param userId the local user's name; it is the sender id the roster's principals match
     * @param in where lines come from
     * @param out where replies go
     */
    public ConsoleConnector(String userId, InputStream in, PrintStream out, ConnectorContext context) {
        this.user = new Sender(PLATFORM, Objects.requireNonNull(userId, "userId"), userId, false);
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        Objects.requireNonNull(inbound, "inbound");
        synchronized (lock) {
            if (closed) {
                throw new ConnectorException("console connector is closed", true);
            }
            if (reader != null) {
                throw new IllegalStateException("console connector already started");
            }
            // CONNECTED before the reader runs: a short input can end (STOPPED) at once, and the
            // last state reported must be that one, not a late CONNECTED.
            context.reportState(ConnectorState.CONNECTED, "reading standard input as " + user.id());
            reader = new Thread(() -> readLines(inbound), "console-connector");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void readLines(Consumer<InboundMessage> inbound) {
        // Ids carry the start time so they stay unique across service restarts (the service
        // remembers ids it acted on).
        String idPrefix = "console-" + context.clock().millis() + "-";
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = r.readLine()) != null) {
                if (isClosed()) {
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                inbound.accept(new InboundMessage(idPrefix + seq.incrementAndGet(), TTY, user, line.strip(),
                        context.clock().instant(), Addressing.DIRECT));
            }
            if (!isClosed()) {
                context.reportState(ConnectorState.STOPPED, "end of standard input");
            }
        } catch (IOException e) {
            if (!isClosed()) {
                context.reportState(ConnectorState.FAILED, "cannot read standard input: " + e.getMessage());
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        Objects.requireNonNull(message, "message");
        if (isClosed()) {
            throw new ConnectorException("console connector is closed", true);
        }
        synchronized (out) {
            for (String part : splitter.split(message.text())) {
                out.println(PROMPT + part);
            }
            out.flush();
            if (out.checkError()) {
                throw new ConnectorException("cannot write to standard output", false);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        context.reportState(ConnectorState.STOPPED, "closed");
    }
}
