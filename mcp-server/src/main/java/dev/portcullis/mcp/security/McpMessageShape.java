package dev.portcullis.mcp.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that the body of an MCP POST is made of JSON-RPC 2.0 messages whose members have the JSON types the MCP
 * schema gives them, before anything reads them: quarkus-mcp-server (and the scope check) cast members such as
 * {@code params} or {@code params.name} without checking, and a wrong type would end as a {@code ClassCastException}
 * and a 500. Only types are checked here, and only of the members that are read; what they mean is the MCP layer's.
 * Hand-written because the MCP schema is a TypeScript-generated JSON Schema far wider than these few members, and a
 * JSON Schema validator would add a dependency to check a dozen fields.
 */
final class McpMessageShape {

    enum Type { STRING, OBJECT, ID, NUMBER, STRING_VALUES, OBJECT_VALUES }

    /** A member (dotted path below {@code params}) that must have a type if present, and may be required. */
    record Rule(String path, Type type, boolean required) {
    }

    sealed interface Outcome permits Messages, Problem {
    }

    /** Why a body is refused: a JSON-RPC error code, a message, and the id of the offending message when valid. */
    record Problem(int code, String message, Object id) implements Outcome {
    }

    /** The messages of a body that passed, in order (one for a single message). */
    record Messages(List<JsonObject> list) implements Outcome {
    }

    private static final List<Rule> ALWAYS = List.of(opt("_meta", Type.OBJECT), opt("_meta.progressToken", Type.ID));
    private static final List<Rule> LIST = List.of(opt("cursor", Type.STRING));
    private static final List<Rule> URI = List.of(req("uri", Type.STRING));

    /** MCP schema (2025-11-25), requests and notifications a client sends. */
    private static final Map<String, List<Rule>> PARAMS = Map.ofEntries(
            Map.entry("initialize", List.of(req("protocolVersion", Type.STRING), opt("capabilities", Type.OBJECT_VALUES),
                    opt("clientInfo", Type.OBJECT), opt("clientInfo.name", Type.STRING), opt("clientInfo.version", Type.STRING))),
            Map.entry("tools/call", List.of(req("name", Type.STRING), opt("arguments", Type.OBJECT))),
            Map.entry("prompts/get", List.of(req("name", Type.STRING), opt("arguments", Type.STRING_VALUES))),
            Map.entry("resources/read", URI),
            Map.entry("resources/subscribe", URI),
            Map.entry("resources/unsubscribe", URI),
            Map.entry("logging/setLevel", List.of(req("level", Type.STRING))),
            Map.entry("completion/complete", List.of(req("ref", Type.OBJECT), req("ref.type", Type.STRING),
                    opt("ref.name", Type.STRING), opt("ref.uri", Type.STRING), req("argument", Type.OBJECT),
                    req("argument.name", Type.STRING), req("argument.value", Type.STRING), opt("context", Type.OBJECT),
                    opt("context.arguments", Type.STRING_VALUES))),
            Map.entry("tools/list", LIST),
            Map.entry("prompts/list", LIST),
            Map.entry("resources/list", LIST),
            Map.entry("resources/templates/list", LIST),
            Map.entry("notifications/cancelled", List.of(opt("requestId", Type.ID), opt("reason", Type.STRING))),
            Map.entry("notifications/progress", List.of(req("progressToken", Type.ID), req("progress", Type.NUMBER),
                    opt("total", Type.NUMBER), opt("message", Type.STRING))));

    private McpMessageShape() {
    }

    private static Rule req(String path, Type type) {
        return new Rule(path, type, true);
    }

    private static Rule opt(String path, Type type) {
        return new Rule(path, type, false);
    }

    /**
     * The messages of a decoded body, or the first problem: a body that is not an object or a non-empty array of
     * objects, or a message that is not a JSON-RPC request, notification or response, is an "Invalid Request"
     * (-32600); a request whose params have a wrong type is "Invalid params" (-32602).
     */
    static Outcome check(Object body) {
        List<JsonObject> messages = new ArrayList<>();
        if (body instanceof JsonObject single) {
            messages.add(single);
        } else if (body instanceof JsonArray batch && !batch.isEmpty()) {
            for (int i = 0; i < batch.size(); i++) {
                if (!(batch.getValue(i) instanceof JsonObject item)) {
                    return new Problem(JsonRpcErrors.INVALID_REQUEST,
                            "Invalid Request: batch item " + i + " is not a JSON-RPC message object", null);
                }
                messages.add(item);
            }
        } else {
            return new Problem(JsonRpcErrors.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is a JSON object", null);
        }
        for (JsonObject message : messages) {
            Problem problem = problemOf(message);
            if (problem != null) {
                return problem;
            }
        }
        return new Messages(List.copyOf(messages));
    }

    private static Problem problemOf(JsonObject message) {
        Object id = message.getValue("id");
        Object validId = isId(id) ? id : null;
        if (!"2.0".equals(message.getValue("jsonrpc"))) {
            return invalid("\"jsonrpc\" must be \"2.0\"", validId);
        }
        if (message.containsKey("id") && !isId(id)) {
            // JSON-RPC 2.0 §4 allows null, MCP does not (basic/index "Requests": "MUST NOT be null")
            return invalid("\"id\" must be a string or an integer", null);
        }
        if (!message.containsKey("method")) {
            return responseProblem(message, validId);
        }
        if (!(message.getValue("method") instanceof String method)) {
            return invalid("\"method\" must be a string", validId);
        }
        Object params = message.getValue("params");
        if (params != null && !(params instanceof JsonObject)) { // "params": null is taken as absent
            // JSON-RPC 2.0 §4.2: params is a structured value; MCP's are always by name (an object)
            return params instanceof JsonArray
                    ? new Problem(JsonRpcErrors.INVALID_PARAMS, "Invalid params: \"params\" must be an object", validId)
                    : invalid("\"params\" must be an object", validId);
        }
        JsonObject named = params instanceof JsonObject object ? object : new JsonObject();
        for (List<Rule> rules : List.of(ALWAYS, PARAMS.getOrDefault(method, List.of()))) {
            for (Rule rule : rules) {
                String problem = violation(named, rule);
                if (problem != null) {
                    return new Problem(JsonRpcErrors.INVALID_PARAMS, "Invalid params: " + problem, validId);
                }
            }
        }
        return null;
    }

    /** A client's answer to a server request (sampling, elicitation, roots): an id and exactly one of result or error. */
    private static Problem responseProblem(JsonObject message, Object id) {
        boolean result = message.containsKey("result");
        boolean error = message.containsKey("error");
        if (id == null || result == error) {
            return invalid("a message has a \"method\", or is a response with an \"id\" and one of \"result\" or \"error\"", id);
        }
        if (result && !(message.getValue("result") instanceof JsonObject)) {
            return invalid("\"result\" must be an object", id);
        }
        if (error && !(message.getValue("error") instanceof JsonObject e && isInteger(e.getValue("code"))
                && e.getValue("message") instanceof String)) {
            return invalid("\"error\" must be an object with an integer \"code\" and a string \"message\"", id);
        }
        return null;
    }

    private static String violation(JsonObject params, Rule rule) {
        Object value = params;
        for (String name : rule.path().split("\\.")) {
            if (!(value instanceof JsonObject object) || !object.containsKey(name)) {
                // an absent parent is the parent's rule to report; an absent optional member is fine
                return rule.required() && value instanceof JsonObject ? "\"" + rule.path() + "\" is required" : null;
            }
            value = object.getValue(name);
        }
        boolean ok = switch (rule.type()) {
            case STRING -> value instanceof String;
            case OBJECT -> value instanceof JsonObject;
            case ID -> isId(value);
            case NUMBER -> value instanceof Number;
            case STRING_VALUES -> value instanceof JsonObject o && o.stream().allMatch(e -> e.getValue() instanceof String);
            case OBJECT_VALUES -> value instanceof JsonObject o && o.stream().allMatch(e -> e.getValue() instanceof JsonObject);
        };
        return ok ? null : "\"" + rule.path() + "\" must be " + switch (rule.type()) {
            case STRING -> "a string";
            case OBJECT -> "an object";
            case ID -> "a string or an integer";
            case NUMBER -> "a number";
            case STRING_VALUES -> "an object of strings";
            case OBJECT_VALUES -> "an object of objects";
        };
    }

    private static Problem invalid(String why, Object id) {
        return new Problem(JsonRpcErrors.INVALID_REQUEST, "Invalid Request: " + why, id);
    }

    /** A JSON-RPC id as MCP allows it: a string or an integer (JSON-RPC 2.0 §4: no fractional parts). */
    static boolean isId(Object value) {
        return value instanceof String || isInteger(value);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger;
    }
}
