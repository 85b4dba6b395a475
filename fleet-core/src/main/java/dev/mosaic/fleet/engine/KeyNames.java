package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The tmux key names a person may press in an agent's pane (butt-in); anything else is refused. */
public final class KeyNames {

    private static final Set<String> NAMED = Set.of("Enter", "Escape", "Tab", "BTab", "BSpace", "Space", "Up",
            "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown", "PPage", "NPage", "DC", "IC");
    private static final Pattern CTRL = Pattern.compile("C-[a-z]");
    private static final Pattern FN = Pattern.compile("F([1-9]|1[0-2])");

    private KeyNames() {
    }

    public static List<String> require(List<String> keys) {
        if (keys.isEmpty()) {
            throw new FleetException(MosaicException.Kind.INVALID, "no keys given");
        }
        for (String k : keys) {
            if (!(NAMED.contains(k) || CTRL.matcher(k).matches() || FN.matcher(k).matches())) {
                throw new FleetException(MosaicException.Kind.INVALID, "key '" + k + "' is not allowed; use one of " + String.join(", ",
                        NAMED.stream().sorted().toList()) + ", C-a..C-z, F1..F12");
            }
        }
        return List.copyOf(keys);
    }
}
