package dev.mosaic.mos.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code mosaic --version}: the installed release's version (its launcher exports
 * {@code MOSAIC_VERSION} from the release's {@code VERSION} file), else that of the source checkout.
 */
final class VersionProvider implements IVersionProvider {

    private final CliContext context;

    VersionProvider(CliContext context) {
        this.context = context;
    }

    @Override
    public String[] getVersion() {
        String v = context.environment().get("MOSAIC_VERSION");
        return new String[] {v == null || v.isBlank() ? "mosaic 0.1.0 (source checkout)" : "mosaic " + v.strip()};
    }
}
