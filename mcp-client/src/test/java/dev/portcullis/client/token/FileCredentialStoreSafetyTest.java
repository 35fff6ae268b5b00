package dev.portcullis.client.token;

import static dev.portcullis.client.token.FileCredentialStoreTest.ISSUER;
import static dev.portcullis.client.token.FileCredentialStoreTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.client.CredentialStorageException;
import dev.portcullis.client.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's file-system rules (see {@link FileCredentialStore}): the directory and every record belong to the user and
 * are closed to others, links are never followed, and a record is replaced durably or not at all.
 */
class FileCredentialStoreSafetyTest {

    static final String RESOURCE = "http://localhost:8080/mcp";

    @TempDir
    Path temp;

    Path home;
    final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void posixOnly() {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("unix"), "POSIX file system only");
        home = temp.resolve("home");
    }

    FileCredentialStore store(Path directory) {
        return new FileCredentialStore(directory, notices::add);
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    static void chmod(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** Another user than the one running the tests; empty when files cannot be given away (not root). */
    static UserPrincipal otherUser(Path probe) {
        try {
            UserPrincipal nobody = probe.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            UserPrincipal before = Files.getOwner(probe);
            Files.setOwner(probe, nobody);
            Files.setOwner(probe, before);
            return nobody.equals(before) ? null : nobody;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static void assertRefused(Executable action, String... expected) {
        CredentialStorageException e = assertThrows(CredentialStorageException.class, action);
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertFalse(e.getMessage().contains("rt-secret"), e.getMessage());
    }

    // --- the directory ---------------------------------------------------------------------------------------

    @Test
    void worldWritableHomeOfTheUser_isTightenedTo0700WithOneNotice() throws Exception {
        Files.createDirectory(home);
        chmod(home, 0777);
        FileCredentialStore store = store(home);

        store.save(record(RESOURCE, "at", "rt-secret"));
        store.load(ISSUER, RESOURCE);

        assertEquals("rwx------", mode(home));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains(home.toString()) && notices.get(0).contains("rwxrwxrwx"), notices.get(0));
        assertEquals("rt-secret", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
    }

    @Test
    void groupReadableHome_isTightenedBeforeAnythingIsRead() throws Exception {
        Files.createDirectory(home);
        chmod(home, 0750);
        assertTrue(store(home).all().isEmpty());
        assertEquals("rwx------", mode(home));
        assertEquals(1, notices.size(), notices.toString());
    }

    @Test
    void homeOwnedByAnotherUser_isRefusedAndLeftAsItIs() throws Exception {
        Files.createDirectory(home);
        UserPrincipal other = otherUser(home);
        assumeTrue(other != null, "needs root to give a directory away");
        Files.setOwner(home, other);
        chmod(home, 0777);
        FileCredentialStore store = store(home);

        assertRefused(() -> store.save(record(RESOURCE, "at", "rt-secret")), home.toString(), "owned by");
        assertRefused(() -> store.load(ISSUER, RESOURCE), "owned by");
        assertRefused(store::all, "owned by");
        assertEquals("rwxrwxrwx", mode(home));
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void homeThatIsASymbolicLink_isRefusedAndItsTargetUntouched() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real"));
        Files.createSymbolicLink(home, real);
        FileCredentialStore store = store(home);

        assertRefused(() -> store.save(record(RESOURCE, "at", "rt-secret")), "symbolic link", real.toString());
        assertRefused(store::all, "symbolic link");
        try (Stream<Path> files = Files.list(real)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void homeWithTheStickyBit_isRefusedAsASharedDirectory() throws Exception {
        Files.createDirectory(home);
        chmod(home, 01777);
        assertRefused(() -> store(home).save(record(RESOURCE, "at", "rt-secret")), "sticky");
        assertEquals(01777, (int) Files.getAttribute(home, "unix:mode") & 07777);
    }

    @Test
    void parentWritableByEveryoneWithoutStickyBit_isRefused() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        chmod(shared, 0777);
        Path inside = shared.resolve("home");

        assertRefused(() -> store(inside).save(record(RESOURCE, "at", "rt-secret")), shared.toString(), "chmod o-w");
        assertFalse(Files.exists(inside), "nothing created below an unsafe parent");
    }

    @Test
    void parentWritableByEveryoneWithStickyBit_isAcceptedLikeTmp() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        chmod(shared, 01777);
        FileCredentialStore store = store(shared.resolve("home"));
        store.save(record(RESOURCE, "at", "rt-secret"));
        assertEquals("rt-secret", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
    }

    @Test
    void parentOwnedByAnotherUser_isRefused() throws Exception {
        Path theirs = Files.createDirectory(temp.resolve("theirs"));
        UserPrincipal other = otherUser(theirs);
        assumeTrue(other != null, "needs root to give a directory away");
        Files.createDirectory(theirs.resolve("home"));
        Files.setOwner(theirs, other);

        assertRefused(() -> store(theirs.resolve("home")).all(), theirs.toString(), "owned by");
    }

    @Test
    void missingParents_areCreatedPrivate() throws Exception {
        Path deep = temp.resolve("a").resolve("b").resolve("portcullis");
        store(deep).save(record(RESOURCE, "at", "rt-secret"));
        assertEquals("rwx------", mode(temp.resolve("a")));
        assertEquals("rwx------", mode(temp.resolve("a").resolve("b")));
        assertEquals("rwx------", mode(deep));
    }

    // --- the records and lock files ---------------------------------------------------------------------------

    /** A well-formed record elsewhere, as an attacker would plant it (old code loaded it through the link). */
    Path plantedRecord() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere")).resolve("planted.json");
        Files.writeString(elsewhere, Json.MAPPER.writeValueAsString(record(RESOURCE, "at-planted", "rt-planted")));
        return elsewhere;
    }

    @Test
    void recordThatIsASymbolicLink_isRefusedOnReadAndReplacedNotFollowedOnWrite() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record("http://localhost:8081/mcp", "a", "r"));
        Path target = plantedRecord();
        String before = Files.readString(target);
        Path file = store.fileFor(ISSUER, RESOURCE);
        Files.createSymbolicLink(file, target);

        assertRefused(() -> store.load(ISSUER, RESOURCE), file.toString(), "symbolic link");
        assertRefused(store::all, "symbolic link");

        store.save(record(RESOURCE, "at", "rt-secret"));
        assertFalse(Files.isSymbolicLink(file));
        assertEquals(before, Files.readString(target));
        assertEquals("rt-secret", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
    }

    @Test
    void recordThatIsADirectoryOrAFifo_isRefused() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record("http://localhost:8081/mcp", "a", "r"));
        Files.createDirectory(store.fileFor(ISSUER, RESOURCE));
        assertRefused(() -> store.load(ISSUER, RESOURCE), "not a regular file");

        Path fifo = store.fileFor(ISSUER, "http://localhost:8082/mcp");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        assertRefused(() -> store.load(ISSUER, "http://localhost:8082/mcp"), "not a regular file");
    }

    @Test
    void recordWithASecondHardLink_isRefused() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at", "rt-secret"));
        Files.createLink(home.resolve("copy"), store.fileFor(ISSUER, RESOURCE));
        assertRefused(() -> store.load(ISSUER, RESOURCE), "hard link");
    }

    @Test
    void recordOwnedByAnotherUser_isRefused() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at", "rt-secret"));
        Path file = store.fileFor(ISSUER, RESOURCE);
        UserPrincipal other = otherUser(file);
        assumeTrue(other != null, "needs root to give a file away");
        Files.setOwner(file, other);
        assertRefused(() -> store.load(ISSUER, RESOURCE), file.toString(), "owned by");
    }

    @Test
    void recordReadableByOthers_isTightenedTo0600WithANotice() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at", "rt-secret"));
        Path file = store.fileFor(ISSUER, RESOURCE);
        chmod(file, 0644);

        assertEquals("rt-secret", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
        assertEquals("rw-------", mode(file));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains(file.toString()) && notices.get(0).contains("logout"), notices.get(0));
    }

    @Test
    void recordWritableByOthers_isRefusedAsPossiblyAltered() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at", "rt-secret"));
        Path file = store.fileFor(ISSUER, RESOURCE);
        chmod(file, 0622);
        assertRefused(() -> store.load(ISSUER, RESOURCE), file.toString(), "writable by other users", "logout");
        assertEquals("rw--w--w-", mode(file));
    }

    @Test
    void lockFileThatIsASymbolicLink_isRefusedAndItsTargetNeitherCreatedNorChanged() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at", "rt-secret"));
        String name = store.fileFor(ISSUER, RESOURCE).getFileName().toString().replace(".json", ".lock");
        Path existing = Files.writeString(temp.resolve("victim"), "keep");
        chmod(existing, 0644);
        Path absent = temp.resolve("absent");
        AtomicBoolean ran = new AtomicBoolean();

        Files.createSymbolicLink(home.resolve(name), existing);
        assertRefused(() -> store.withLock(ISSUER, RESOURCE, () -> ran.getAndSet(true)), "symbolic link");
        assertEquals("keep", Files.readString(existing));
        assertEquals("rw-r--r--", mode(existing));

        Files.delete(home.resolve(name));
        Files.createSymbolicLink(home.resolve(name), absent);
        assertRefused(() -> store.withLock(ISSUER, RESOURCE, () -> ran.getAndSet(true)), "symbolic link");
        assertFalse(Files.exists(absent, LinkOption.NOFOLLOW_LINKS));
        assertFalse(ran.get());
    }

    @Test
    void lockFile_isCreated0600AndTheActionRunsUnderIt() throws Exception {
        FileCredentialStore store = store(home);
        assertEquals("done", store.withLock(ISSUER, RESOURCE, () -> "done"));
        Path lock = home.resolve(store.fileFor(ISSUER, RESOURCE).getFileName().toString().replace(".json", ".lock"));
        assertEquals("rw-------", mode(lock));
    }

    // --- durable replacement ----------------------------------------------------------------------------------

    @Test
    void writerFailingMidway_leavesTheOldRecordAndNoTemporaryFile() throws Exception {
        FileCredentialStore store = store(home);
        store.save(record(RESOURCE, "at-1", "rt-1"));
        Path file = store.fileFor(ISSUER, RESOURCE);
        String before = Files.readString(file);

        assertRefused(() -> store.save(record(RESOURCE, "at-2", "rt-2"), channel -> {
            channel.write(java.nio.ByteBuffer.wrap("{\"resource\":".getBytes(StandardCharsets.UTF_8)));
            throw new IOException("disk full");
        }), file.toString(), "disk full");

        assertEquals(before, Files.readString(file));
        assertEquals("rt-1", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void temporaryFileNamePlantedAsASymbolicLink_failsTheWriteWithoutFollowingIt() throws Exception {
        Path target = plantedRecord();
        String before = Files.readString(target);
        FileCredentialStore store = new FileCredentialStore(home, notices::add, () -> "fixed");
        store.save(record(RESOURCE, "at-1", "rt-1"));
        Path planted = home.resolve(".tmp-fixed.json");
        Files.createSymbolicLink(planted, target);

        assertRefused(() -> store.save(record(RESOURCE, "at-2", "rt-2")), "Could not write");

        assertEquals(before, Files.readString(target));
        assertTrue(Files.isSymbolicLink(planted), "someone else's file is not ours to delete");
        assertEquals("rt-1", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
    }

    @Test
    void everyWrite_isA0600FileCreatedByRenameWithNoTemporaryLeft() throws Exception {
        FileCredentialStore store = store(home);
        for (int i = 0; i < 3; i++) {
            store.save(record(RESOURCE, "at-" + i, "rt-" + i));
        }
        Path file = store.fileFor(ISSUER, RESOURCE);
        assertEquals("rw-------", mode(file));
        assertEquals(1, (int) Files.getAttribute(file, "unix:nlink"));
        assertEquals("rt-2", store.load(ISSUER, RESOURCE).orElseThrow().refreshToken());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(file), files.toList());
        }
        assertTrue(notices.isEmpty(), notices.toString());
    }
}
