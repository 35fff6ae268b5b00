package dev.portcullis.client.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fully read HTTP answer.
 *
 * @param headers header values by lower-cased name
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) implements HttpAnswer {

    public HttpResult {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The media type without parameters, lower-cased; empty when absent. */
    public String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isServerError() {
        return status >= 500;
    }

    /** Never the body: it may hold tokens. */
    @Override
    public String toString() {
        return "HttpResult[status=" + status + ", contentType=" + header("Content-Type") + "]";
    }
}
