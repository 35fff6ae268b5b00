package dev.portcullis.mcp.notes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mcp.config.ResourceServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-user notes in one JSON file per user (named by a hash of the token subject), each write atomic (a temporary
 * file moved over the old one), so a crash or restart loses nothing that was acknowledged. Writers of one user are
 * serialised by a lock; different users never contend.
 */
@ApplicationScoped
public class NotesStore {

    private static final TypeReference<List<Note>> NOTES = new TypeReference<>() {
    };

    private final Path dir;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    NotesStore(ResourceServerConfig config, ObjectMapper mapper, Clock clock) {
        this.dir = config.notes().dir().orElseGet(NotesStore::defaultDir);
        this.mapper = mapper;
        this.clock = clock;
    }

    private static Path defaultDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("portcullis").resolve("notes");
    }

    public List<Note> list(String subject) {
        return read(file(subject));
    }

    public Note add(String subject, String text) {
        Note note = new Note(UUID.randomUUID().toString(), text, clock.instant());
        update(subject, notes -> notes.add(note));
        return note;
    }

    /** @return whether a note with that id existed */
    public boolean delete(String subject, String id) {
        boolean[] removed = {false};
        update(subject, notes -> removed[0] = notes.removeIf(n -> n.id().equals(id)));
        return removed[0];
    }

    private void update(String subject, java.util.function.Consumer<List<Note>> change) {
        Path file = file(subject);
        ReentrantLock lock = locks.computeIfAbsent(file.getFileName().toString(), k -> new ReentrantLock());
        lock.lock();
        try {
            List<Note> notes = new ArrayList<>(read(file));
            change.accept(notes);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".notes", ".tmp");
            Files.write(tmp, mapper.writeValueAsBytes(notes));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store notes", e);
        } finally {
            lock.unlock();
        }
    }

    private List<Note> read(Path file) {
        try {
            return Files.exists(file) ? mapper.readValue(file.toFile(), NOTES) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read notes", e);
        }
    }

    private Path file(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
