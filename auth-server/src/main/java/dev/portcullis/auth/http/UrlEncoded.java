package dev.portcullis.auth.http;

import dev.portcullis.auth.error.MalformedRequest;
import dev.portcullis.common.oauth.OAuthError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of {@code application/x-www-form-urlencoded} (WHATWG URL §5; RFC 6749 Appendix B: UTF-8), used to
 * check form bodies and query strings before any other code reads them. Hand-written because the readers at hand are
 * lenient where this server must not be: {@link java.net.URLDecoder} and the JAX-RS form readers replace invalid
 * UTF-8 silently, and fail on a broken escape with an exception indistinguishable from a bug. The byte-level UTF-8
 * check is the JDK's ({@link CodingErrorAction#REPORT}).
 */
public final class UrlEncoded {

    /** More parameters than any OAuth request or page form has, by far (the token endpoint's largest has 9). */
    public static final int MAX_PARAMETERS = 100;

    private UrlEncoded() {
    }

    /**
     * The parameters in order, each with its values; fails with a {@link MalformedRequest} naming {@code what} (e.g.
     * "form body") and, where it can, the parameter.
     */
    public static Map<String, List<String>> parse(byte[] raw, Charset charset, String what, int maxValueBytes) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int count = 0;
        for (int start = 0; start < raw.length; ) {
            int end = indexOf(raw, (byte) '&', start, raw.length);
            if (end > start) { // empty pieces ("a=1&&b=2") are skipped, as WHATWG URL §5.1 says
                if (++count > MAX_PARAMETERS) {
                    throw new MalformedRequest("The " + what + " has more than " + MAX_PARAMETERS + " parameters");
                }
                int eq = indexOf(raw, (byte) '=', start, end);
                String name = decode(raw, start, eq, charset, what, null, maxValueBytes);
                String value = eq < end ? decode(raw, eq + 1, end, charset, what, name, maxValueBytes) : "";
                params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    /** The index of {@code b} in {@code raw[from, to)}, else {@code to}. */
    private static int indexOf(byte[] raw, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] raw, int from, int to, Charset charset, String what, String name, int maxBytes) {
        String subject = name == null ? "A parameter name in the " + what : "The " + what + " parameter " + quoted(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '%') {
                int high = i + 1 < to ? Character.digit(raw[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(raw[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw new MalformedRequest(subject + " has a malformed percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        if (bytes.size() > maxBytes) {
            // RFC 9110 §15.5.14 in spirit: too large; a 413 tells the client that the size is the problem
            throw new MalformedRequest(413, OAuthError.INVALID_REQUEST,
                    subject + " is longer than " + maxBytes + " bytes");
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequest(subject + " is not valid " + charset.name());
        }
        if (!Text.isAcceptable(text)) {
            throw new MalformedRequest(subject + " contains a control character");
        }
        return text;
    }

    /** A parameter name as it may appear in an error description: already checked to be free of control characters. */
    private static String quoted(String name) {
        return "\"" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "\"";
    }
}
