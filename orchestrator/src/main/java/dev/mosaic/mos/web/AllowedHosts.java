package dev.mosaic.mos.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names this server answers to, checked against every request's {@code Host} header before
 * anything else: {@code 127.0.0.1}, {@code localhost}, {@code ::1}, the bind address, and the
 * hosts of the configured origins ({@code MOSAIC_WEB_ORIGINS}, e.g. a TLS reverse proxy's public
 * name). A page on another site that points its own host name at 127.0.0.1 (DNS rebinding) is
 * thereby refused with 421, though the browser thinks it talks to that site.
 */
final class AllowedHosts {

    private final Set<String> names = new LinkedHashSet<>();

    AllowedHosts(String bindHost, List<String> origins) {
        names.add("127.0.0.1");
        names.add("localhost");
        names.add("::1");
        String bind = unbracket(bindHost.toLowerCase(Locale.ROOT));
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            names.add(bind);
        }
        for (String o : origins) {
            String h = URI.create(o).getHost();
            if (h != null) {
                names.add(unbracket(h.toLowerCase(Locale.ROOT)));
            }
        }
    }

    /** @throws WebException 421 when {@code hostHeader} (name[:port]) is missing or names another host */
    void check(String hostHeader) {
        String name = hostHeader == null ? null : nameOf(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (name == null || !names.contains(name)) {
            throw new WebException(421, "bad_host", "this Mos server does not answer to the host name '"
                    + (hostHeader == null ? "" : hostHeader) + "'; open it as http://127.0.0.1:PORT/, or add the"
                    + " origin you use (e.g. https://mos.example.org) to MOSAIC_WEB_ORIGINS");
        }
    }

    /** The host name of a Host header value, without its port; null when malformed. */
    private static String nameOf(String host) {
        if (host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
            return null; // a bare IPv6 address without brackets is not a valid Host header
        }
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String unbracket(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
