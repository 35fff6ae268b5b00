package dev.portcullis.client.token;

import dev.portcullis.client.CredentialStorageException;
import dev.portcullis.client.Randomness;
import dev.portcullis.client.discovery.ResourceUri;
import dev.portcullis.client.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Credential records on disk: one JSON file per (issuer, resource), named by a SHA-256 of both, mode 0600 in a 0700
 * directory of the user's own, replaced atomically and durably (temporary file, fsync, rename, fsync of the directory)
 * so that a reader never sees half a record and a crash never loses the rotated refresh token. The file-system rules
 * (who may own what, which modes, no links followed) are {@link PrivateFiles}'s.
 */
public final class CredentialStore {

    private static final Logger LOG = Logger.getLogger(CredentialStore.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final PrivateFiles files;

    /** A store whose notices (permissions it tightened) are logged as warnings, which the command line prints. */
    public CredentialStore(Path directory) {
        this(directory, LOG::warn);
    }

    /** A store that tells {@code notices} when it tightened the permissions of its directory or of a record. */
    public CredentialStore(Path directory, Consumer<String> notices) {
        this(directory, notices, () -> Randomness.token(16));
    }

    CredentialStore(Path directory, Consumer<String> notices, Supplier<String> tempNames) {
        this.directory = directory.toAbsolutePath().normalize();
        this.files = new PrivateFiles(this.directory, notices, tempNames);
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
        save(credentials, channel -> {
            ByteBuffer bytes = ByteBuffer.wrap(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(credentials));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
    }

    /** As {@link #save(StoredCredentials)}, the bytes written by {@code writer} (tests make it fail midway). */
    void save(StoredCredentials credentials, PrivateFiles.ContentWriter writer) {
        Path target = fileFor(credentials.issuer(), credentials.resource());
        try {
            files.checkDirectory(true);
            files.replace(target, writer);
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
            files.checkDirectory(true);
            try (FileChannel channel = files.openLock(lockFile); FileLock ignored = channel.lock()) {
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
        List<Path> found = new ArrayList<>();
        try {
            if (!files.checkDirectory(false)) {
                return found;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "[0-9a-f]*" + SUFFIX)) {
                stream.forEach(found::add);
            }
        } catch (IOException e) {
            throw new CredentialStorageException("Could not list " + directory + ": " + e.getMessage(), e);
        }
        return found;
    }

    private Optional<StoredCredentials> read(Path file) {
        try {
            if (!files.checkDirectory(false)) {
                return Optional.empty();
            }
            Optional<byte[]> bytes = files.read(file);
            return bytes.isEmpty() ? Optional.empty()
                    : Optional.of(Json.MAPPER.readValue(bytes.get(), StoredCredentials.class));
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
}
