package dev.portcullis.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The tables the hostile-input sweep is generated from, one per input class. A value is given in the two forms the
 * sweep sends: in a query string or form body ({@code url}: percent-encoded as it goes on the wire) and as a JSON
 * value ({@code json}: the raw JSON text). Both are byte strings (see {@link RawHttp}): {@code "\u00ff"} is the byte
 * 0xFF. A null form means the class has no such variant.
 */
final class HostileInputs {

    private HostileInputs() {
    }

    record Hostile(String label, String url, String json) {
    }

    /** Broken percent-escapes, invalid and overlong UTF-8, NUL and control characters, escapes JSON does not know. */
    static final List<Hostile> ENCODINGS = List.of(
            new Hostile("broken percent-escape %zz", "a%zzb", "\"a\\u00zzb\""),
            new Hostile("lone % at the end", "a%", "\"a\\\""),
            new Hostile("truncated UTF-8 sequence", "%e2%82", "\"\u00e2\u0082\""),
            new Hostile("invalid UTF-8 bytes FF FE", "%ff%fe", "\"\u00ff\u00fe\""),
            new Hostile("overlong UTF-8 for '/'", "%c0%af", "\"\u00c0\u00af\""),
            new Hostile("UTF-8-encoded surrogate", "%ed%a0%80", "\"\u00ed\u00a0\u0080\""),
            new Hostile("lone surrogate escape", "%ed%b0%80x", "\"\\udc00x\""),
            new Hostile("NUL", "a%00b", "\"a\\u0000b\""),
            new Hostile("raw NUL byte", "a\u0000b", "\"a\u0000b\""),
            new Hostile("control characters", "%01%08%1b%7f", "\"\u0001\u0008\u001b\""),
            new Hostile("raw non-ASCII byte", "a\u00e9b", "\"a\u00e9b\""));

    /** Strings an attacker tries in every field; sent correctly encoded, so the server sees them as they are. */
    static final List<String[]> INJECTIONS = List.of(
            new String[] {"SQL ' OR 1=1--", "' OR 1=1--"},
            new String[] {"SQL wildcard", "%' OR '1'='1"},
            new String[] {"HTML <script>", "<script>alert(1)</script>"},
            new String[] {"HTML attribute break", "\"><img src=x onerror=alert(1)>"},
            new String[] {"CRLF header injection", "x\r\nX-Injected: 1\r\n"},
            new String[] {"path traversal", "../../../../etc/passwd"},
            new String[] {"JNDI lookup", "${jndi:ldap://127.0.0.1:1/a}"},
            new String[] {"expression and template syntax", "${7*7}#{7*7}{#include layout}{/include}{inject:passwords}"},
            new String[] {"format string", "%n%s%s%s%x%d"},
            new String[] {"full-width letters and emoji", "\uff41\uff4c\uff49\uff43\uff45\ud83d\ude00"},
            new String[] {"javascript: URI", "javascript:alert(1)"});

    /** Extra injections for a redirect_uri: header splitting, open redirects, look-alikes of the registered one. */
    static List<String[]> redirectUriInjections(String registered) {
        return List.of(
                new String[] {"redirect_uri with CRLF", registered + "\r\nX-Injected: 1"},
                new String[] {"redirect_uri elsewhere", "http://evil.example/callback"},
                new String[] {"redirect_uri with dot segments", registered + "/../../evil"},
                new String[] {"redirect_uri with userinfo", registered.replace("http://", "http://127.0.0.1:1@evil.example/")},
                new String[] {"redirect_uri scheme-relative", "//evil.example/callback"},
                new String[] {"redirect_uri with fragment", registered + "#x"},
                new String[] {"redirect_uri with code in query", registered + "?code=stolen&state=x"},
                new String[] {"redirect_uri in upper case", registered.toUpperCase(java.util.Locale.ROOT)},
                new String[] {"redirect_uri javascript:", "javascript:alert(1)//" + registered});
    }

    /** JSON values of the wrong type for a member that should be a string (or a list of strings). */
    static final List<String[]> WRONG_TYPES = List.of(
            new String[] {"array", "[\"x\"]"},
            new String[] {"object", "{\"a\":\"b\"}"},
            new String[] {"boolean", "true"},
            new String[] {"number", "0"},
            new String[] {"number beyond double", "1e999999"},
            new String[] {"null", "null"});

    /** Whole JSON bodies that are not the object expected. */
    static final List<String[]> WRONG_BODIES = List.of(
            new String[] {"body []", "[]"},
            new String[] {"body [{}]", "[{}]"},
            new String[] {"body \"x\"", "\"x\""},
            new String[] {"body 42", "42"},
            new String[] {"body null", "null"},
            new String[] {"body true", "true"},
            new String[] {"body {}", "{}"});

    /** What follows a complete JSON body. */
    static final List<String[]> TRAILING = List.of(
            new String[] {"trailing garbage", "xyz"},
            new String[] {"second JSON value", "{\"jsonrpc\":\"2.0\"}"},
            new String[] {"trailing comma", ","},
            new String[] {"trailing NUL", "\u0000"});

    /** Hostile header values (a header cannot hold CR or LF without splitting the request). */
    static final List<String[]> HEADER_ENCODINGS = List.of(
            new String[] {"broken percent-escape", "a%zzb"},
            new String[] {"raw invalid UTF-8 byte", "a\u00ffb"},
            new String[] {"raw NUL byte", "a\u0000b"},
            new String[] {"raw control character", "a\u0001b"},
            new String[] {"raw UTF-8 (full-width letters, emoji)", utf8("\uff41\uff4c\uff49\uff43\uff45\ud83d\ude00")});

    static final List<String[]> HEADER_INJECTIONS = List.of(
            new String[] {"SQL ' OR 1=1--", "' OR 1=1--"},
            new String[] {"HTML <script>", "<script>alert(1)</script>"},
            new String[] {"path traversal", "../../../../etc/passwd"},
            new String[] {"JNDI lookup", "${jndi:ldap://127.0.0.1:1/a}"},
            new String[] {"format string", "%n%s%s%s%x%d"});

    static final int HUGE = 100_000;
    /** Long, but within the default 4096-byte request line, so the application sees it. */
    static final int LONG_IN_QUERY = 3_000;
    /** Beyond the request-line limit: answered by the HTTP layer. */
    static final int HUGE_IN_QUERY = 20_000;
    static final int MANY_PARAMETERS = 2_000;
    static final int BIG_BODY = 2 * 1024 * 1024;
    static final int DEEP = 10_000;

    static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A Unicode string as the byte string of its UTF-8 encoding. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A JSON string literal of the text, as a byte string. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return utf8(out.append('"').toString());
    }

    static String deepArray(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String deepObject(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
}
