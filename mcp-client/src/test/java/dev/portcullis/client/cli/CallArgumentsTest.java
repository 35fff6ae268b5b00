package dev.portcullis.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.client.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallArgumentsTest {

    @Test
    void valuesThatParseAsJson_keepTheirTypeOthersStayStrings() {
        String json = Json.write(CallCommand.parse(List.of("n=42", "b=true", "o={\"k\":[1]}", "s=hello world",
                "t=123abc", "q=\"quoted\"", "e=")));
        assertEquals("{\"n\":42,\"b\":true,\"o\":{\"k\":[1]},\"s\":\"hello world\",\"t\":\"123abc\",\"q\":\"quoted\",\"e\":\"\"}",
                json);
    }

    @Test
    void argumentWithoutEquals_isAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> CallCommand.parse(List.of("message")));
    }
}
