package dev.mosaic.connector.slack;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
import java.util.Optional;

/**
 * Slack app connector (Bolt for Java), registered for {@link java.util.ServiceLoader} under type
 * {@code slack}.
 *
 * <p>Roster keys: {@code botToken} ({@code xoxb-…}, secret), {@code appToken} ({@code xapp-…},
 * secret, Socket Mode), {@code channels} (one or more channel ids), {@code mode} ({@code socket},
 * the default, or {@code http} for the Events API behind a public URL), {@code signingSecret}
 * (secret, http mode), {@code port} (http mode) and {@code apiBase} (the Web API methods URL, for
 * a proxy or tests). Principals name people by Slack user id ({@code U…}, {@code W…} on Enterprise Grid).
 */
public final class SlackConnectorProvider implements ConnectorProvider {

    /** Cheap no-arg constructor, as ServiceLoader requires; loads no Bolt class. */
    public SlackConnectorProvider() {
    }

    @Override
    public String type() {
        return SlackSettings.TYPE;
    }

    @Override
    public String description() {
        return "Slack app (Bolt, Socket Mode): /mos, mentions, DMs, thread replies and Block Kit buttons";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.secret("botToken",
                        "Slack bot token, xoxb-… (api.slack.com/apps > your app > OAuth & Permissions)"),
                new ConfigField("appToken",
                        "Slack app-level token, xapp-…, for Socket Mode (Basic Information > App-Level Tokens,"
                                + " scope connections:write)", false, true, null),
                ConfigField.required("channels",
                        "Slack channel ids Mos watches, comma separated (channel name > About > Channel ID, e.g. C0123ABCD)"),
                ConfigField.optional("mode",
                        "How Slack reaches Mos: socket (no public URL needed) or http (Events API behind a public URL)",
                        "socket"),
                new ConfigField("signingSecret",
                        "Slack signing secret, for http mode (Basic Information > App Credentials)", false, true, null),
                ConfigField.optional("port", "Port the http mode listens on for Slack's requests",
                        String.valueOf(SlackSettings.DEFAULT_PORT)),
                ConfigField.optional("apiBase", "Slack Web API URL override (a proxy, tests)", SlackSettings.SLACK_API));
    }

    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id != null && SlackSettings.USER.matcher(id).matches() ? Optional.empty()
                : Optional.of("a Slack user id such as U012AB3CDE (or W… on Enterprise Grid):"
                        + " the person's profile > ⋮ > Copy member ID");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new SlackConnector(SlackSettings.from(config), context);
    }
}
