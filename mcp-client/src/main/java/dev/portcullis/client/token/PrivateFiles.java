package dev.portcullis.client.token;

import dev.portcullis.client.CredentialStorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The file-system rules of the credential store, in the spirit of OpenSSH's StrictModes. On POSIX file systems:
 * <ul>
 * <li>the store directory is a real directory (not a symbolic link), owned by the user running the client, without
 * the sticky bit (a shared directory like /tmp); any permission for group or others is removed (mode 0700), with one
 * notice;</li>
 * <li>each of its parents (links in the path resolved) belongs to that user or to root and is not writable by
 * others unless it has the sticky bit (/tmp); a group-writable parent is accepted only when it is the user's own
 * (user-private groups, umask 002), because the client cannot tell who else is in a group;</li>
 * <li>a record is a regular file (not a link, FIFO or directory) with one link, owned by the user; a record writable
 * by group or others may have been altered (its token endpoint, say) and is refused; one only readable by them is
 * tightened to 0600 with a notice (its tokens may have been read);</li>
 * <li>links are never followed: records and lock files are opened with {@code O_NOFOLLOW}; a new record is written to
 * a fresh temporary file ({@code O_CREAT|O_EXCL}, mode 0600 from its creation), forced to disk, renamed over the
 * record (atomic: a reader sees the old or the new record, a planted link is replaced, never written through), and
 * the directory is forced too so that the rename survives a crash.</li>
 * </ul>
 * A check and the open that follows are two system calls; what could change in between is guarded by the directory
 * rules (nobody else can write there). On file systems without POSIX permissions (Windows) ownership and modes are not
 * checked (the user profile's ACLs protect it); links are still refused.
 *
 * <p>Hand-written on {@code java.nio.file}: no maintained library covers these checks without native code.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private static final Logger LOG = Logger.getLogger(PrivateFiles.class);
    private static final AtomicBoolean NOT_POSIX_NOTED = new AtomicBoolean();
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int GROUP_OTHER = 0077;
    private static final int GROUP_OTHER_WRITE = 0022;
    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    private static final int STICKY = 01000;

    /** Writes the content of a new record into the (temporary) file's channel. */
    interface ContentWriter {
        void write(FileChannel channel) throws IOException;
    }

    /** What lstat(2) says of a path; {@code uid} -1 and {@code links} 1 where the platform does not tell. */
    private record Stat(boolean symlink, boolean directory, boolean regular, UserPrincipal owner, int uid, int mode,
            int links) {
    }

    private final Path directory;
    private final Consumer<String> notices;
    private final Supplier<String> tempNames;
    private final boolean posix;
    private final boolean unix;
    private final UserPrincipal user;

    PrivateFiles(Path directory, Consumer<String> notices, Supplier<String> tempNames) {
        this.directory = directory;
        this.notices = notices;
        this.tempNames = tempNames;
        Set<String> views = directory.getFileSystem().supportedFileAttributeViews();
        this.posix = views.contains("posix");
        this.unix = views.contains("unix");
        this.user = posix ? currentUser(directory) : null;
    }

    /**
     * Checks (and with {@code create}, first makes) the store directory and its parents; false when it does not
     * exist and was not to be created.
     */
    boolean checkDirectory(boolean create) throws IOException {
        if (!posix) {
            if (NOT_POSIX_NOTED.compareAndSet(false, true)) {
                LOG.infof("%s is not on a POSIX file system: its owner and permissions are not checked", directory);
            }
            if (Files.isSymbolicLink(directory)) {
                throw refusal(directory + " is a symbolic link; the credential store does not follow links."
                        + " Set PORTCULLIS_HOME to the directory itself.");
            }
            if (create) {
                Files.createDirectories(directory);
            }
            return Files.isDirectory(directory, NOFOLLOW);
        }
        Stat stat = stat(directory);
        if (stat == null && !create) {
            return false;
        }
        checkParents();
        if (stat == null) {
            createPrivate(directory);
            stat = stat(directory);
        }
        if (stat.symlink()) {
            throw refusal(directory + " is a symbolic link (to " + realPathOf(directory) + "); the credential store"
                    + " does not follow links. Set PORTCULLIS_HOME to the directory itself if it is yours.");
        }
        if (!stat.directory()) {
            throw refusal(directory + " is not a directory. Set PORTCULLIS_HOME to a directory of your own.");
        }
        requireOwnedByUser(directory, stat, "Set PORTCULLIS_HOME to a directory of your own.");
        if ((stat.mode() & STICKY) != 0) {
            throw refusal(directory + " has the sticky bit: it is a directory shared with other users (like /tmp)."
                    + " Set PORTCULLIS_HOME to a directory of your own.");
        }
        if ((stat.mode() & GROUP_OTHER) != 0) {
            Files.getFileAttributeView(directory, PosixFileAttributeView.class, NOFOLLOW).setPermissions(DIR_MODE);
            notices.accept("The credential directory " + directory + " was open to other users (" + modeText(stat)
                    + "); its permissions are now rwx------.");
        }
        return true;
    }

    /** The record's text, empty when there is none; refuses anything but a private regular file of the user. */
    Optional<byte[]> read(Path file) throws IOException {
        Stat stat = stat(file);
        if (stat == null) {
            return Optional.empty();
        }
        String remedy = " Delete it (or run logout) and sign in again.";
        if (stat.symlink()) {
            throw refusal(file + " is a symbolic link; the credential store does not follow links." + remedy);
        }
        if (!stat.regular()) {
            throw refusal(file + " is not a regular file." + remedy);
        }
        if (posix) {
            requireOwnedByUser(file, stat, remedy.trim());
            if (stat.links() > 1) {
                throw refusal(file + " has another hard link, through which others may read or change it." + remedy);
            }
            if ((stat.mode() & GROUP_OTHER_WRITE) != 0) {
                throw refusal(file + " is writable by other users (" + modeText(stat) + "), so its contents cannot"
                        + " be trusted." + remedy);
            }
            if ((stat.mode() & GROUP_OTHER) != 0) {
                Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW).setPermissions(FILE_MODE);
                notices.accept("The credential record " + file + " was readable by other users (" + modeText(stat)
                        + "); its permissions are now rw-------. If someone may have read it, run logout and sign"
                        + " in again.");
            }
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, NOFOLLOW)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted meanwhile (logout in another process)
        }
    }

    /** Replaces {@code target} durably and atomically with what {@code writer} writes (see the class comment). */
    void replace(Path target, ContentWriter writer) throws IOException {
        Path temp = directory.resolve(".tmp-" + tempNames.get() + ".json");
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
        boolean created = false;
        try {
            try (FileChannel channel = posix
                    ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : FileChannel.open(temp, options)) {
                created = true;
                writer.write(channel);
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            created = false;
            forceDirectory();
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(temp.toString(), null, "a file is already there (planted?)");
        } finally {
            if (created) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Opens (creating, mode 0600) a lock file without following a link. */
    FileChannel openLock(Path lockFile) throws IOException {
        Stat stat = stat(lockFile);
        if (stat != null) {
            String remedy = " Delete it and try again.";
            if (stat.symlink()) {
                throw refusal(lockFile + " is a symbolic link; the credential store does not follow links." + remedy);
            }
            if (!stat.regular()) {
                throw refusal(lockFile + " is not a regular file." + remedy);
            }
            if (posix) {
                requireOwnedByUser(lockFile, stat, remedy.trim());
            }
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, NOFOLLOW);
        return posix ? FileChannel.open(lockFile, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(lockFile, options);
    }

    /** fsync(2) of the directory, so that a rename is on disk; not possible everywhere (Windows), then skipped. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debugf("Could not force directory %s to disk: %s", directory, e.getMessage());
        }
    }

    private void checkParents() throws IOException {
        Path parent = directory.getParent();
        if (parent == null) {
            return;
        }
        Path existing = parent;
        while (existing != null && stat(existing) == null) {
            existing = existing.getParent();
        }
        for (Path p = existing == null ? null : existing.toRealPath(); p != null; p = p.getParent()) {
            Stat stat = stat(p);
            String where = p + " (a parent of the credential directory " + directory + ")";
            boolean byUser = isUser(stat.owner());
            if (!byUser && stat.uid() != 0 && !"root".equals(stat.owner().getName())) {
                throw refusal(where + " is owned by " + stat.owner().getName() + ", not by you or root."
                        + " Set PORTCULLIS_HOME to a directory of your own.");
            }
            boolean sticky = (stat.mode() & STICKY) != 0;
            if ((stat.mode() & OTHER_WRITE) != 0 && !sticky) {
                throw refusal(where + " is writable by every user (" + modeText(stat) + "). Run chmod o-w " + p
                        + " or set PORTCULLIS_HOME to a directory of your own.");
            }
            if ((stat.mode() & GROUP_WRITE) != 0 && !sticky && !byUser) {
                throw refusal(where + " is writable by its group (" + modeText(stat) + "). Run chmod g-w " + p
                        + " or set PORTCULLIS_HOME to a directory of your own.");
            }
        }
    }

    /** Makes the directory and any missing parent, each mode 0700 from its creation. */
    private static void createPrivate(Path dir) throws IOException {
        if (dir.getParent() != null && !Files.isDirectory(dir.getParent())) {
            createPrivate(dir.getParent());
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            // made concurrently (another client process): checked like any existing directory
        }
    }

    private void requireOwnedByUser(Path path, Stat stat, String remedy) {
        if (user != null && !isUser(stat.owner())) {
            throw refusal(path + " is owned by " + stat.owner().getName() + ", not by you (" + user.getName() + "). "
                    + remedy);
        }
    }

    private boolean isUser(UserPrincipal owner) {
        return user == null || user.equals(owner);
    }

    private Stat stat(Path path) throws IOException {
        try {
            if (unix) {
                Map<String, Object> a = Files.readAttributes(path, "unix:*", NOFOLLOW);
                return new Stat((Boolean) a.get("isSymbolicLink"), (Boolean) a.get("isDirectory"),
                        (Boolean) a.get("isRegularFile"), (UserPrincipal) a.get("owner"), (Integer) a.get("uid"),
                        (Integer) a.get("mode"), (Integer) a.get("nlink"));
            }
            if (posix) {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW);
                return new Stat(a.isSymbolicLink(), a.isDirectory(), a.isRegularFile(), a.owner(), -1,
                        modeBits(a.permissions()), 1);
            }
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
            return new Stat(a.isSymbolicLink(), a.isDirectory(), a.isRegularFile(), null, -1, 0, 1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static int modeBits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 0400 >> p.ordinal(); // OWNER_READ, OWNER_WRITE, … OTHERS_EXECUTE: 0400 down to 0001
        }
        return mode;
    }

    private static String modeText(Stat stat) {
        StringBuilder text = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            text.append((stat.mode() & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return text.toString();
    }

    private static String realPathOf(Path link) {
        try {
            return link.toRealPath().toString();
        } catch (IOException e) {
            return "a path that does not exist";
        }
    }

    /**
     * The user this process runs as: the owner of /proc/self (its effective uid, known even without a passwd entry)
     * on Linux, else the account named by {@code user.name}; null when neither tells, then ownership goes unchecked.
     */
    private static UserPrincipal currentUser(Path directory) {
        try {
            return Files.getOwner(directory.getFileSystem().getPath("/proc/self"));
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux
        }
        try {
            return directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Cannot tell which user runs this process; the owner of %s is not checked", directory);
            return null;
        }
    }

    private static CredentialStorageException refusal(String message) {
        return new CredentialStorageException(message, null);
    }
}
