package dev.portcullis.mcp.notes;

import dev.portcullis.mcp.security.RequiresScopes;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Per-user notes: reading needs {@code notes:read}, changing needs {@code notes:write} (which implies read). */
@RegisterForReflection(methods = true, fields = false) // ToolScopes reads its @Tool and @RequiresScopes
public class NotesTools {

    private static final int MAX_TEXT = 10_000;

    @Inject
    JsonWebToken token;

    @Inject
    NotesStore store;

    @Tool(name = "notes_list", description = "Lists your notes, oldest first. Requires scope notes:read.",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true, openWorldHint = false))
    @RequiresScopes("notes:read")
    String list() {
        List<Note> notes = store.list(token.getSubject());
        if (notes.isEmpty()) {
            return "You have no notes.";
        }
        return notes.stream().map(n -> n.id() + "  " + n.text()).collect(Collectors.joining("\n"));
    }

    @Tool(name = "notes_add", description = "Adds a note and returns its id. Requires scope notes:write.",
            annotations = @Tool.Annotations(destructiveHint = false, openWorldHint = false))
    @RequiresScopes("notes:write")
    String add(@ToolArg(description = "The note's text") String text) {
        if (text == null || text.isBlank()) {
            throw new ToolCallException("The note's text must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new ToolCallException("A note holds at most " + MAX_TEXT + " characters");
        }
        return "Added note " + store.add(token.getSubject(), text).id();
    }

    @Tool(name = "notes_delete", description = "Deletes one of your notes by id. Requires scope notes:write.",
            annotations = @Tool.Annotations(destructiveHint = true, idempotentHint = true, openWorldHint = false))
    @RequiresScopes("notes:write")
    String delete(@ToolArg(description = "The id of the note, as notes_list shows it") String id) {
        if (!store.delete(token.getSubject(), id)) {
            throw new ToolCallException("No note with id " + id);
        }
        return "Deleted note " + id;
    }
}
