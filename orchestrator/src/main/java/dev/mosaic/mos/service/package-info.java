/**
 * Nullness: every type here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.mosaic.mos.service;

import org.jspecify.annotations.NullMarked;
