package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The roster as the file says right now, parsed again only when the file changed (its size,
 * modification time or inode): a {@code stat} per call instead of a YAML parse, so chat verbs
 * against a large roster stay fast and still see an edit made a moment ago (e.g. by {@code add}).
 */
final class StampedRoster implements Supplier<Roster> {

    private record Loaded(Object key, long size, long modified, Roster roster) {
    }

    private final RosterStore store;
    private volatile @Nullable Loaded loaded;

    StampedRoster(RosterStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Roster get() {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(store.file(), BasicFileAttributes.class);
        } catch (IOException e) {
            return store.load(); // reports the missing file the usual way
        }
        Loaded l = loaded;
        long modified = a.lastModifiedTime().toMillis();
        if (l != null && Objects.equals(l.key(), a.fileKey()) && l.size() == a.size() && l.modified() == modified) {
            return l.roster();
        }
        Roster r = store.load();
        loaded = new Loaded(a.fileKey(), a.size(), modified, r);
        return r;
    }
}
