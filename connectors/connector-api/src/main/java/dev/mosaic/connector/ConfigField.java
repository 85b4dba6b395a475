package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * One configuration key of a connector, as the init wizard asks for it and the roster stores it.
 *
 * @param key the key under {@code connectors.<type>} in the roster, e.g. {@code "channel"}
 * @param prompt the question the wizard asks, e.g. "Discord channel id"
 * @param required whether the connector cannot start without it
 * @param secret whether the value is a secret: the roster then holds only a
 *     {@code ${env:NAME}} or {@code ${file:PATH}} reference, never the value
 * @param defaultValue the value used when none is given, or {@code null}
 */
public record ConfigField(String key, String prompt, boolean required, boolean secret, @Nullable String defaultValue) {

    public ConfigField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(prompt, "prompt");
        if (!key.matches("[a-zA-Z][a-zA-Z0-9]*")) {
            throw new IllegalArgumentException("config key must be camelCase letters and digits, was '" + key + "'");
        }
    }

    public static ConfigField required(String key, String prompt) {
        return new ConfigField(key, prompt, true, false, null);
    }

    public static ConfigField optional(String key, String prompt, @Nullable String defaultValue) {
        return new ConfigField(key, prompt, false, false, defaultValue);
    }

    public static ConfigField secret(String key, String prompt) {
        return new ConfigField(key, prompt, true, true, null);
    }
}
