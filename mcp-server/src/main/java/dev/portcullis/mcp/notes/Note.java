package dev.portcullis.mcp.notes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One note of one user. */
public record Note(@JsonProperty("id") String id, @JsonProperty("text") String text, @JsonProperty("created") Instant created) {
}
