package dev.portcullis.client.token;

import dev.portcullis.client.CredentialStorageException;
import dev.portcullis.client.Randomness;
import dev.portcullis.client.http.Json;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Credential records on disk: one JSON file per (issuer, resource), named by a SHA-256 of both, mode 0600 in a 0700
 * directory of the user's own, replaced atomically and durably (temporary file, fsync, rename, fsync of the directory)
 * so that a reader never sees half a record and a crash never loses the rotated refresh token. The file-system rules
 * (who may own what, which modes, no links followed) are {@link PrivateFiles}'s. Several processes may share the
 * directory: refreshes of one record are serialised by a lock file, and within the process by a lock per file (a
 * JVM cannot hold two locks on one file).
 */
public final class FileCredentialStore implements CredentialStore {

    private static final Logger LOG = Logger.getLogger(FileCredentialStore.class);
    private static final String SUFFIX = ".json";
    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final PrivateFiles files;

    /** A store whose notices (permissions it tightened) are logged as warnings, which the command line prints. */
    public FileCredentialStore(Path directory) {
        this(directory, LOG::warn);
    }

    /** A store that tells {@code notices} when it tightened the permissions of its directory or of a record. */
    public FileCredentialStore(Path directory, Consumer<String> notices) {
        this(directory, notices, () -> Randomness.token(16));
    }

    FileCredentialStore(Path directory, Consumer<String> notices, Supplier<String> tempNames) {
        this.directory = directory.toAbsolutePath().normalize();
        this.files = new PrivateFiles(this.directory, notices, tempNames);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    /** The file of the record for (issuer, resource). */
    public Path fileFor(String issuer, String resource) {
        String key = CredentialStore.key(issuer, resource);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
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

    /** Holds the record's lock within the process, then an exclusive lock on its lock file against other processes. */
    @Override
    public <T> T withLock(String issuer, String resource, Supplier<T> action) {
        Path file = fileFor(issuer, resource);
        ReentrantLock lock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try {
            return withFileLock(file, action);
        } finally {
            lock.unlock();
        }
    }

    private <T> T withFileLock(Path file, Supplier<T> action) {
        Path lockFile = lockFileFor(file);
        try {
            files.checkDirectory(true);
            try (FileChannel channel = files.openLock(lockFile); FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new CredentialStorageException("Could not lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredCredentials> load(String issuer, String resource) {
        return read(fileFor(issuer, resource));
    }

    @Override
    public List<StoredCredentials> all() {
        List<StoredCredentials> found = new ArrayList<>();
        for (Path file : files()) {
            read(file).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public void delete(String issuer, String resource) {
        delete(fileFor(issuer, resource));
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
