package dev.mosaic.fleet.roster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ConnectorSchema} as the service builds it from its connector plugins, here written by
 * hand: a "discord" that needs token, guild and a channel and takes numeric user ids, and a
 * "console" that needs a user; "web" is an identity that is not a connector.
 */
final class FakeConnectors implements ConnectorSchema {

    private static final Map<String, List<String>> KEYS = Map.of(
            "discord", List.of("token", "guild", "channel", "channels", "prefix", "messageContent"),
            "console", List.of("user"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "discord", List.of("token", "guild"),
            "console", List.of("user"));

    @Override
    public Set<String> types() {
        return KEYS.keySet();
    }

    @Override
    public Set<String> identities() {
        return Set.of("web");
    }

    @Override
    public Optional<Set<String>> keys(String type) {
        return Optional.of(new LinkedHashSet<>(KEYS.get(type)));
    }

    @Override
    public Optional<String> check(String type, Map<String, Object> values) {
        for (String key : REQUIRED.get(type)) {
            if (values.get(key) == null || values.get(key).toString().isBlank()) {
                return Optional.of("connectors." + type + "." + key + " is required but not set");
            }
        }
        if (type.equals("discord") && values.get("channel") == null && values.get("channels") == null) {
            return Optional.of("connectors.discord.channels is required: give channel or channels");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> checkPrincipalId(String platform, String id) {
        return platform.equals("discord") && !id.matches("[0-9]{1,20}")
                ? Optional.of("a numeric Discord user id such as 123456789012345678") : Optional.empty();
    }
}
