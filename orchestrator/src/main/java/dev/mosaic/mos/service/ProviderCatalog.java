package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.fleet.roster.ConnectorSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The connector providers on the classpath, found with {@link ServiceLoader}. A provider whose
 * class cannot be loaded or constructed is recorded in {@link #loadErrors()} and skipped, so one
 * broken connector module never takes the others down.
 *
 * <p>It is also the roster's {@link ConnectorSchema}: each {@code connectors.<type>} block is
 * checked against the keys its provider declares and by the provider itself, and each principal
 * id by the provider of that platform, so a connector jar added to the class path is configured
 * and validated with no change elsewhere.
 */
public final class ProviderCatalog implements ConnectorSchema {

    /**
     * Principal platforms that are not connectors: the web page's log-in names
     * ({@code principals.<name>.web}).
     */
    private static final Set<String> IDENTITIES = Set.of("web");

    private final Map<String, ConnectorProvider> byType;
    private final List<String> loadErrors;

    private ProviderCatalog(Map<String, ConnectorProvider> byType, List<String> loadErrors) {
        this.byType = Map.copyOf(byType);
        this.loadErrors = List.copyOf(loadErrors);
    }

    /** Every provider {@code loader} can see. */
    public static ProviderCatalog load(ClassLoader loader) {
        Map<String, ConnectorProvider> found = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Iterator<ConnectorProvider> it = ServiceLoader.load(ConnectorProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ConnectorProvider p = it.next();
                found.putIfAbsent(p.type(), p);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors.add(e.getMessage() != null ? e.getMessage() : e.getClass().getName());
            }
        }
        return new ProviderCatalog(found, errors);
    }

    /** The providers of this program's own class path, found once. */
    public static ProviderCatalog installed() {
        return Installed.CATALOG;
    }

    /** Holder: the class path is scanned on first use, once per JVM. */
    private static final class Installed {
        static final ProviderCatalog CATALOG = load(ProviderCatalog.class.getClassLoader());
    }

    /** A catalog of just these providers (tests, embedding). */
    public static ProviderCatalog of(Collection<? extends ConnectorProvider> providers) {
        Map<String, ConnectorProvider> m = new LinkedHashMap<>();
        providers.forEach(p -> m.put(p.type(), p));
        return new ProviderCatalog(m, List.of());
    }

    /** This catalog with {@code provider} replacing any provider of the same type. */
    public ProviderCatalog with(ConnectorProvider provider) {
        Map<String, ConnectorProvider> m = new LinkedHashMap<>(byType);
        m.put(provider.type(), provider);
        return new ProviderCatalog(m, loadErrors);
    }

    public Optional<ConnectorProvider> get(String type) {
        return Optional.ofNullable(byType.get(type));
    }


    /** One message per provider that failed to load. */
    public List<String> loadErrors() {
        return loadErrors;
    }

    @Override
    public Set<String> types() {
        return byType.keySet();
    }

    @Override
    public Set<String> identities() {
        return IDENTITIES;
    }

    @Override
    public Optional<Set<String>> keys(String type) {
        ConnectorProvider p = byType.get(type);
        if (p == null) {
            return Optional.empty();
        }
        Set<String> keys = new LinkedHashSet<>();
        p.configFields().forEach(f -> keys.add(f.key()));
        return Optional.of(keys);
    }

    @Override
    public Optional<String> check(String type, Map<String, Object> values) {
        ConnectorProvider p = byType.get(type);
        if (p == null) {
            return Optional.empty();
        }
        try {
            p.checkConfig(values);
            return Optional.empty();
        } catch (ConnectorException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // a buggy plugin must not make every roster unreadable; say which one failed
            return Optional.of("connectors." + type + ": the " + type + " connector could not check its settings: "
                    + e);
        }
    }

    @Override
    public Optional<String> checkPrincipalId(String platform, String id) {
        ConnectorProvider p = byType.get(platform);
        if (p == null) {
            return Optional.empty();
        }
        try {
            return p.checkPrincipalId(id);
        } catch (RuntimeException e) {
            return Optional.of("an id the " + platform + " connector accepts (its check failed: " + e + ")");
        }
    }
}
