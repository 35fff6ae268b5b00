package dev.portcullis.mcp.config;

import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import dev.portcullis.mcp.notes.Note;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types serialised with Jackson outside REST endpoints, which a native executable must know ahead of time. */
@RegisterForReflection(targets = {ProtectedResourceMetadata.class, Note.class})
final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
