package dev.portcullis.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void eventsWithCommentsIdsAndMultiLineData_areSplitAndJoined() {
        List<SseParser.SseEvent> events = SseParser.parse(": keep-alive\r\nid: 7\r\nevent: message\r\n"
                + "data: {\"a\":\r\ndata:1}\r\n\r\nevent: ping\ndata: x\n\n");
        assertEquals(2, events.size());
        assertEquals(new SseParser.SseEvent("message", "{\"a\":\n1}", "7"), events.get(0));
        assertEquals("ping", events.get(1).event());
    }

    @Test
    void eventWithoutName_isAMessageAndUnterminatedLastEventCounts() {
        List<SseParser.SseEvent> events = SseParser.parse("data: one\n\ndata:two");
        assertEquals(List.of(new SseParser.SseEvent("message", "one", null),
                new SseParser.SseEvent("message", "two", null)), events);
    }

    @Test
    void notificationBeforeResponse_isNotTheResponse() {
        JsonRpcMessage notification = Json.read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}",
                JsonRpcMessage.class).orElseThrow();
        JsonRpcMessage response = Json.read("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", JsonRpcMessage.class)
                .orElseThrow();
        assertFalse(notification.isResponseTo(3));
        assertTrue(response.isResponseTo(3));
        assertFalse(response.isResponseTo(4));
    }

    @Test
    void requestsSerialiseWithoutNullMembers() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                Json.write(JsonRpcRequest.notification("notifications/initialized", null)));
    }
}
