package dev.portcullis.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.portcullis.client.McpSession;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.ToolResult;
import dev.portcullis.client.http.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "call", mixinStandardHelpOptions = true, description = "Call a tool and print its text content; exit code 1 when the tool reports an error.")
class CallCommand extends ClientCommand {

    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Parameters(index = "1", paramLabel = "<tool>", description = "Name of the tool.")
    String tool;

    @Parameters(index = "2..*", paramLabel = "key=value",
            description = "Arguments; values that parse as JSON (numbers, booleans, objects…) are sent as such.")
    List<String> arguments = new ArrayList<>();

    @Override
    int run(PortcullisClient client, URI url) {
        Map<String, Object> parsed = parse(arguments);
        try (McpSession session = client.connect(url)) {
            ToolResult result = session.callTool(tool, parsed);
            if (json) {
                System.out.println(result.raw());
                return result.isError() ? TOOL_ERROR : OK;
            }
            if (result.isError()) {
                System.err.println(result.text());
                return TOOL_ERROR;
            }
            System.out.println(result.text());
            return OK;
        }
    }

    static Map<String, Object> parse(List<String> arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Arguments are key=value; got \"" + argument + "\".");
            }
            out.put(argument.substring(0, eq), value(argument.substring(eq + 1)));
        }
        return out;
    }

    static Object value(String raw) {
        try {
            JsonNode node = STRICT.readTree(raw);
            return node == null || node.isMissingNode() ? raw : node;
        } catch (JsonProcessingException e) {
            return raw;
        }
    }
}
