package dev.mosaic.mos.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The published JSON Schemas in {@code docs/schema/}, loaded by their {@code $id}
 * ({@code https://mosaic.dev/schema/NAME}) from that folder, so one schema can refer to another
 * and nothing is fetched from the network.
 */
public final class JsonSchemas {

    private static final String PREFIX = "https://mosaic.dev/schema/";
    private static final Path DIR = Path.of("..", "docs", "schema");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.resourceLoaders(r -> r.resources(iri -> iri.startsWith(PREFIX) ? read(iri.substring(PREFIX.length()))
                    : null)));

    private JsonSchemas() {
    }

    /** What is wrong with {@code json} against {@code docs/schema/<file>} (empty when it conforms). */
    public static List<String> errors(String file, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(PREFIX + file));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + DIR.resolve(file), e);
        }
    }
}
