package dev.mosaic.mos.cli.roster;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.ConnectorProvider;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The chat connectors the wizard offers and the questions each asks: from the
 * {@link ConnectorProvider}s found with {@link ServiceLoader}, plus built-in field lists for
 * discord and matrix when their modules are not on the class path. A provider that fails to
 * load is skipped (the others still work). console and web need no setup and are not offered.
 */
final class ConnectorFields {

    /** A connector the wizard can set up. */
    record Choice(String type, String description, List<ConfigField> fields) {
    }

    private ConnectorFields() {
    }

    static Map<String, Choice> available() {
        Map<String, Choice> out = new LinkedHashMap<>();
        Iterator<ConnectorProvider> it = ServiceLoader.load(ConnectorProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ConnectorProvider p = it.next();
                if (!p.type().equals("console") && !p.type().equals("web")) {
                    out.put(p.type(), new Choice(p.type(), p.description(), List.copyOf(p.configFields())));
                }
            } catch (ServiceConfigurationError | RuntimeException e) {
                // a broken connector module must not break init; the fallbacks below still apply
            }
        }
        out.putIfAbsent("discord", new Choice("discord", "Discord bot in one channel", List.of(
                ConfigField.secret("token", "Bot token"),
                ConfigField.required("guild", "Server (guild) id"),
                ConfigField.required("channel", "Channel id"))));
        out.putIfAbsent("matrix", new Choice("matrix", "Matrix room (e.g. on a local homeserver)", List.of(
                ConfigField.required("homeserver", "Homeserver URL"),
                ConfigField.required("userId", "Bot user id (@mos:example.org)"),
                ConfigField.secret("token", "Access token"),
                ConfigField.required("room", "Room id or alias"))));
        return out;
    }

    /** The specific flag for a field, e.g. {@code --discord-channel}, {@code --matrix-user-id}. */
    static String flag(String type, String key) {
        return "--" + type + "-" + key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
