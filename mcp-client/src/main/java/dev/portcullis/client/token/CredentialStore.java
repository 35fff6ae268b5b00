package dev.portcullis.client.token;

import dev.portcullis.client.CredentialStorageException;
import dev.portcullis.client.discovery.ResourceUri;
import dev.portcullis.client.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Credential records on disk: one JSON file per (issuer, resource), named by a SHA-256 of both, mode 0600 in a 0700
 * directory, replaced atomically (temporary file in the same directory, then an atomic rename) so that a reader never
 * sees half a record and a crash never loses the rotated refresh token.
 */
public final class CredentialStore {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final String SUFFIX = ".json";

    private final Path directory;

    public CredentialStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The file of the record for (issuer, resource). */
    public Path fileFor(String issuer, String resource) {
        String key = issuer + "\n" + ResourceUri.normalise(URI.create(resource));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public void save(StoredCredentials credentials) {
        Path target = fileFor(credentials.issuer(), credentials.resource());
        try {
            ensureDirectory();
            Path temp = posix() ? Files.createTempFile(directory, ".tmp-", SUFFIX, PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(directory, ".tmp-", SUFFIX);
            try {
                Files.writeString(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CredentialStorageException("Could not write credentials to " + target + ": " + e.getMessage()
                    + ". Check the permissions of " + directory + " (or set PORTCULLIS_HOME).", e);
        }
    }

    /**
     * Runs {@code action} holding an exclusive lock on the record's lock file, so that two processes never refresh
     * the same record at once (the loser of a race would present a rotated refresh token: RFC 9700 §4.14.2 reuse).
     */
    public <T> T withFileLock(String issuer, String resource, Supplier<T> action) {
        Path lockFile = lockFileFor(fileFor(issuer, resource));
        try {
            ensureDirectory();
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try (FileChannel channel = posix()
                    ? FileChannel.open(lockFile, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : FileChannel.open(lockFile, options);
                    FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new CredentialStorageException("Could not lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    public Optional<StoredCredentials> load(String issuer, String resource) {
        return read(fileFor(issuer, resource));
    }

    /** The records for a server URL (normally one; several when it changed authorization server). */
    public List<StoredCredentials> findByResource(URI serverUrl) {
        List<StoredCredentials> found = new ArrayList<>();
        for (Path file : files()) {
            read(file).filter(c -> sameResource(c, serverUrl)).ifPresent(found::add);
        }
        return found;
    }

    /** Every stored record. */
    public List<StoredCredentials> all() {
        List<StoredCredentials> found = new ArrayList<>();
        for (Path file : files()) {
            read(file).ifPresent(found::add);
        }
        return found;
    }

    public void delete(String issuer, String resource) {
        delete(fileFor(issuer, resource));
    }

    /** Deletes every record for a server URL; returns how many there were. */
    public int deleteByResource(URI serverUrl) {
        int count = 0;
        for (Path file : files()) {
            if (read(file).filter(c -> sameResource(c, serverUrl)).isPresent()) {
                delete(file);
                count++;
            }
        }
        return count;
    }

    private static boolean sameResource(StoredCredentials credentials, URI serverUrl) {
        try {
            return ResourceUri.same(URI.create(credentials.resource()), serverUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "[0-9a-f]*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new CredentialStorageException("Could not list " + directory + ": " + e.getMessage(), e);
        }
        return files;
    }

    private Optional<StoredCredentials> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file), StoredCredentials.class));
        } catch (IOException e) {
            throw new CredentialStorageException("Could not read credentials from " + file + ": " + e.getMessage()
                    + ". Delete the file (or run logout) and sign in again.", e);
        }
    }

    private static Path lockFileFor(Path file) {
        return file.resolveSibling(file.getFileName().toString().replace(SUFFIX, ".lock"));
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(lockFileFor(file));
        } catch (IOException e) {
            throw new CredentialStorageException("Could not delete " + file + ": " + e.getMessage(), e);
        }
    }

    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getParent() != null) {
            Files.createDirectories(directory.getParent());
        }
        try {
            FileAttribute<?>[] attributes = posix()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)}
                    : new FileAttribute<?>[0];
            Files.createDirectory(directory, attributes);
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine
        }
    }

    private boolean posix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
