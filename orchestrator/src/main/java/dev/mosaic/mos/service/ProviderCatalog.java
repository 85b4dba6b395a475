package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The connector providers on the classpath, found with {@link ServiceLoader}. A provider whose
 * class cannot be loaded or constructed is recorded in {@link #loadErrors()} and skipped, so one
 * broken connector module never takes the others down.
 */
public final class ProviderCatalog {

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

    /** Connector types available, in discovery order. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** One message per provider that failed to load. */
    public List<String> loadErrors() {
        return loadErrors;
    }
}
