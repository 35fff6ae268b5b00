package dev.portcullis.auth.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Secrets in files only their owner can read (mode 0600) and directories only their owner can enter (0700), for the
 * embedded PostgreSQL's passwords and the generated key-encryption key. A secret file is written completely under a temporary name created 0600 and then
 * put in place in one step, so no other user can ever read it and no reader ever sees half a secret. Where the file
 * system has no POSIX permissions (Windows) the files are written the same way and a warning is logged.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class);

    private OwnerOnlyFiles() {
    }

    /** 256 random bits, base64url without padding: nothing in it needs quoting in SQL, a URL or a shell. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secret in {@code file}, if it exists; a file others could read is made 0600 first (and a warning logged). */
    public static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " must be a regular file (not a link or a directory)");
        }
        if (POSIX && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE)) {
            LOG.warnf("%s could be read by others; its mode is now 0600", file);
            Files.setPosixFilePermissions(file, FILE);
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty; delete it and a new password is set at the next start");
        }
        return Optional.of(secret);
    }

    /** The secret in {@code file}, created with a new one if absent; when two processes race, the first one wins. */
    static String readOrCreate(Path file) throws IOException {
        return readOrCreate(file, OwnerOnlyFiles::newSecret);
    }

    /** As {@link #readOrCreate(Path)}, with a secret of the caller's making when the file is absent. */
    public static String readOrCreate(Path file, java.util.function.Supplier<String> newSecret) throws IOException {
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        String secret = newSecret.get();
        Path temporary = writeTemporary(file, secret);
        try {
            Files.createLink(file, temporary); // link(2) fails when the name exists: create-if-absent in one step
            return secret;
        } catch (FileAlreadyExistsException e) {
            return read(file).orElseThrow(() -> e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Puts {@code secret} in {@code file}, replacing what was there, in one step (rename). */
    static void replace(Path file, String secret) throws IOException {
        Path temporary = writeTemporary(file, secret);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates {@code dir} (and its parents) if needed and makes it 0700. Refuses a directory that belongs to another
     * user: whoever owns it could put files in it that this process then trusts.
     */
    static void privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!POSIX) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " must be a directory, not a link");
        }
        var self = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(self)) {
            throw new IOException(dir + " belongs to " + Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS)
                    + ", not to " + self + "; remove it");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    private static Path writeTemporary(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        if (!POSIX) {
            LOG.warnf("This file system has no POSIX permissions; protect %s yourself", file);
        }
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(secret.getBytes(StandardCharsets.UTF_8)));
            channel.force(true); // on disk before it gets its name: a crash never leaves an empty password file
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }
}
