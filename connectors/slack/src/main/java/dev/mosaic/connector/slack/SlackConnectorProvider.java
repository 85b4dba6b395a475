package dev.mosaic.connector.slack;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
import java.util.Map;
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
        // Optional fields have no default value here, so init does not write them into the
        // roster; the defaults (socket mode, port 3000, slack.com) apply when they are absent.
        return List.of(
                ConfigField.secret("botToken",
                        "Slack bot token, xoxb-… (api.slack.com/apps > your app > OAuth & Permissions)"),
                new ConfigField("appToken",
                        "Slack app-level token, xapp-…, needed for Socket Mode, the default (Basic Information >"
                                + " App-Level Tokens, scope connections:write)", false, true, null),
                ConfigField.required("channels",
                        "Slack channel ids Mos watches, comma separated (channel name > About > Channel ID, e.g. C0123ABCD)"),
                ConfigField.optional("mode",
                        "How Slack reaches Mos: socket (default; no public URL needed) or http (Events API behind"
                                + " a public https URL)", null),
                new ConfigField("signingSecret",
                        "Slack signing secret, needed for http mode only (Basic Information > App Credentials)",
                        false, true, null),
                ConfigField.optional("port", "Port Slack's requests reach in http mode (default "
                        + SlackSettings.DEFAULT_PORT + ")", null),
                ConfigField.optional("apiBase", "Slack Web API URL override, default " + SlackSettings.SLACK_API
                        + " (a proxy, tests)", null));
    }

    /** botToken and channels always; the app token in Socket Mode, the signing secret in http mode. */
    @Override
    public void checkConfig(Map<String, Object> values) throws ConnectorException {
        for (String key : List.of("botToken", "channels")) {
            if (!ConnectorProvider.isSet(values.get(key))) {
                throw new ConnectorException("connectors.slack." + key + " is required but not set", true);
            }
        }
        Object mode = values.get("mode");
        String m = mode == null ? "socket" : mode.toString().strip().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("socket") && !m.equals("http")) {
            throw new ConnectorException("connectors.slack.mode must be socket or http, was '" + mode + "'", true);
        }
        if (m.equals("socket") && !ConnectorProvider.isSet(values.get("appToken"))) {
            throw new ConnectorException("connectors.slack.appToken is required in Socket Mode (the default): an"
                    + " app-level token xapp-… with connections:write, or set mode: http", true);
        }
        if (m.equals("http") && !ConnectorProvider.isSet(values.get("signingSecret"))) {
            throw new ConnectorException("connectors.slack.signingSecret is required in http mode", true);
        }
        Object channels = values.get("channels");
        for (Object raw : channels instanceof List<?> l ? l : List.of(channels)) {
            for (String part : String.valueOf(raw).split(",")) {
                String id = part.strip();
                if (!id.isEmpty() && !id.startsWith("${") && !id.matches("[CGD][A-Z0-9]{2,}")) {
                    throw new ConnectorException("connectors.slack.channels: '" + id + "' is not a Slack channel id"
                            + " such as C0123ABCD (channel name > About > Channel ID)", true);
                }
            }
        }
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
