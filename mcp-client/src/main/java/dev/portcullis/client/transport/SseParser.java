package dev.portcullis.client.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a complete {@code text/event-stream} body into events (HTML Living Standard §9.2.6): {@code data:} lines are
 * joined with newlines, one leading space after the colon is dropped, comment lines (starting with {@code :}) are
 * ignored, an empty line dispatches the event, events without data are skipped.
 */
public final class SseParser {

    /** One dispatched event; {@code event} is "message" when the stream named none. */
    public record SseEvent(String event, String data, String id) {
    }

    private SseParser() {
    }

    public static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        StringBuilder data = null;
        String event = null;
        String id = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(event == null ? "message" : event, data.toString(), id));
                }
                data = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> event = value;
                case "id" -> id = value;
                default -> { } // "retry" and unknown fields do not matter for a finished stream
            }
        }
        if (data != null) {
            events.add(new SseEvent(event == null ? "message" : event, data.toString(), id)); // unterminated last event
        }
        return events;
    }
}
