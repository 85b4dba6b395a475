package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorState;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;

/**
 * Watches the long poll's HTTP answers. The telegrambots session retries every failed
 * {@code getUpdates} with backoff and says nothing useful about why, so this interceptor turns the
 * answers into reported states: a {@code 409 Conflict} (another program polls this token, or a
 * webhook is set) is one clear DEGRADED line, a {@code 401} parks the connector, and the first
 * good answer after trouble reports it connected again. Each episode is logged once.
 */
final class PollWatcher implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PollWatcher.class);

    static final String CONFLICT = "another program is polling this bot token (409 Conflict on getUpdates):"
            + " only one Mos (or other bot program) may use a token; stop the other one, or revoke the token"
            + " with @BotFather and give Mos the new one";
    static final String REJECTED = "Telegram rejected the bot token (401 Unauthorized on getUpdates): it was"
            + " revoked; set connectors.telegram.token to the new token from @BotFather (/token)";

    private final ConnectorContext context;
    private final Runnable onRejected;
    private volatile String problem;
    private volatile boolean closed;

    PollWatcher(ConnectorContext context, Runnable onRejected) {
        this.context = context;
        this.onRejected = onRejected;
    }

    void close() {
        closed = true;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        boolean poll = chain.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates");
        if (!poll) {
            return chain.proceed(chain.request());
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            if (!closed && !chain.call().isCanceled()) {
                trouble("cannot reach the Telegram Bot API (" + e.getClass().getSimpleName() + "), retrying");
            }
            throw e;
        }
        int code = response.code();
        if (code == 200) {
            if (problem != null && !closed) {
                problem = null;
                LOG.info("Telegram long polling works again");
                context.reportState(ConnectorState.CONNECTED, "long polling again");
            }
        } else if (code == 401) {
            if (!closed) {
                closed = true;
                LOG.warn("{}", REJECTED);
                context.reportState(ConnectorState.FAILED, REJECTED);
                onRejected.run();
            }
        } else if (code == 409) {
            trouble(CONFLICT);
        } else {
            trouble("Telegram answered getUpdates with HTTP " + code + ", retrying");
        }
        return response;
    }

    private void trouble(String what) {
        if (closed || what.equals(problem)) {
            return;
        }
        problem = what;
        LOG.warn("Telegram: {}", what);
        context.reportState(ConnectorState.DEGRADED, what);
    }
}
