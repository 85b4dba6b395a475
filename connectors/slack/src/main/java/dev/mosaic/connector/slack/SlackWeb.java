package dev.mosaic.connector.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.webhook.WebhookResponse;
import dev.mosaic.connector.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Slack Web API calls with the two things Bolt's synchronous client leaves to us: a {@code 429}
 * is waited out for its {@code Retry-After} and tried again, and an answer that says the token is
 * dead ({@code invalid_auth} …) becomes a permanent {@link ConnectorException} that also parks the
 * connector. Messages name the method and Slack's error code, never a token.
 */
final class SlackWeb {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWeb.class);
    /** Errors that mean the token will never work again: retrying cannot help. */
    static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
            "token_expired", "no_permission", "missing_scope", "not_allowed_token_type");
    private static final int MAX_RATE_LIMIT_WAITS = 5;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    /** How to wait; {@link Thread#sleep} outside tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** One Web API call. */
    interface Call<T extends SlackApiTextResponse> {
        T call(MethodsClient methods) throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final String token;
    private final Sleeper sleeper;
    private final Consumer<String> onAuthFailure;

    /**
     * @param onAuthFailure told (once per failing call) when Slack rejects the token, with a
     *     message fit for {@code mos status}
     */
    SlackWeb(Slack slack, String token, Sleeper sleeper, Consumer<String> onAuthFailure) {
        this.slack = slack;
        this.token = token;
        this.sleeper = sleeper;
        this.onAuthFailure = onAuthFailure;
    }

    /** Calls {@code method}; returns Slack's answer when {@code ok}, else throws naming its error. */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws ConnectorException {
        MethodsClient methods = slack.methods(token);
        for (int attempt = 0; ; attempt++) {
            try {
                T r = call.call(methods);
                if (r.isOk()) {
                    return r;
                }
                throw failure(method, r.getError());
            } catch (SlackApiException e) {
                int code = e.getResponse().code();
                if (code == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                    waitOut(method, e.getResponse().header("Retry-After"));
                    continue;
                }
                String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : null;
                if (error != null && AUTH_ERRORS.contains(error)) {
                    throw failure(method, error);
                }
                throw new ConnectorException("Slack " + method + " failed with HTTP " + code
                        + (error == null ? "" : " (" + error + ")"), code >= 400 && code < 500 && code != 429, e);
            } catch (IOException e) {
                throw new ConnectorException("could not reach Slack for " + method + ": " + e.getMessage(), e);
            } catch (com.slack.api.methods.SlackFilesUploadV2Exception e) {
                throw new ConnectorException("Slack file upload (" + method + ") failed: " + uploadError(e), false, e);
            }
        }
    }

    /** Uploads a file with the external-upload flow (getUploadURLExternal, upload, completeUploadExternal). */
    FilesUploadV2Response upload(String channel, String threadTs, String fileName, byte[] content, String comment)
            throws ConnectorException {
        return call("files.uploadV2", m -> m.filesUploadV2(r -> r.channel(channel).threadTs(threadTs)
                .filename(fileName).title(fileName).fileData(content).initialComment(comment)));
    }

    /**
     * Posts {@code json} to an interaction's {@code response_url}. Returns false when Slack no
     * longer accepts it (expired after 30 minutes or 5 uses), so the caller can post instead.
     */
    boolean respond(String responseUrl, String json) throws ConnectorException {
        for (int attempt = 0; ; attempt++) {
            WebhookResponse r;
            try {
                r = slack.send(responseUrl, json);
            } catch (IOException e) {
                throw new ConnectorException("could not reach Slack's response_url: " + e.getMessage(), e);
            }
            int code = r.getCode() == null ? 0 : r.getCode();
            if (code == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                waitOut("response_url", r.getHeaders() == null || r.getHeaders().get("retry-after") == null ? null
                        : r.getHeaders().get("retry-after").get(0));
                continue;
            }
            if (code != 200) {
                LOG.debug("response_url answered HTTP {}: {}", code, r.getBody());
            }
            return code == 200;
        }
    }

    private void waitOut(String method, String retryAfter) throws ConnectorException {
        Duration wait = Duration.ofSeconds(1);
        try {
            if (retryAfter != null) {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            }
        } catch (NumberFormatException e) {
            // keep the default
        }
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            wait = MAX_RETRY_AFTER;
        }
        LOG.info("Slack rate-limited {}: waiting {} s as Retry-After asks", method, wait.toSeconds());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while waiting out Slack's rate limit on " + method, false);
        }
    }

    private ConnectorException failure(String method, String error) {
        if (error != null && AUTH_ERRORS.contains(error)) {
            String msg = "Slack rejected the bot token (" + error + " on " + method + "): check connectors.slack.botToken"
                    + " (OAuth & Permissions > Bot User OAuth Token; reinstall the app after changing scopes)";
            onAuthFailure.accept(msg);
            return new ConnectorException(msg, true);
        }
        boolean permanent = error != null && !error.equals("ratelimited") && !error.equals("internal_error")
                && !error.equals("fatal_error") && !error.equals("service_unavailable") && !error.equals("request_timeout");
        return new ConnectorException("Slack " + method + " failed: " + error + hint(error), permanent);
    }

    private static String hint(String error) {
        if (error == null) {
            return "";
        }
        return switch (error) {
            case "not_in_channel" -> " (invite the app to the channel: /invite @Mos)";
            case "channel_not_found" -> " (check connectors.slack.channels, and that the app is in the channel)";
            default -> "";
        };
    }

    private static String uploadError(com.slack.api.methods.SlackFilesUploadV2Exception e) {
        if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
            return "files.completeUploadExternal: " + e.getCompleteResponse().getError();
        }
        if (!e.getGetURLResponses().isEmpty() && !e.getGetURLResponses().get(e.getGetURLResponses().size() - 1).isOk()) {
            return "files.getUploadURLExternal: " + e.getGetURLResponses().get(e.getGetURLResponses().size() - 1).getError();
        }
        return "the upload was refused " + e.getUploadResponses().values();
    }
}
