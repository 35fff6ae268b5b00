package dev.portcullis.auth.http;

import dev.portcullis.auth.error.MalformedRequest;
import dev.portcullis.common.oauth.OAuthError;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every request to a resource before any resource, form reader or database sees it: path segments and
 * {@code application/x-www-form-urlencoded} bodies (query strings: {@link QueryStrings}, before Vert.x reads them) must be well-formed UTF-8 without control characters
 * ({@link UrlEncoded}, {@link Text}), within limits, with no parameter of a form body repeated, and with at most one
 * {@code Authorization} header. Refusals are {@link MalformedRequest}s (400 {@code invalid_request}, or the error
 * page). Runs on the worker thread of the (blocking) resource, so the body may be read here; it is handed on as read.
 * JSON bodies are checked by the JSON reader ({@link StrictJson}).
 */
public class InputGuard {

    /** A form body larger than any legitimate one (a client assertion with a certificate chain is a few KiB). */
    static final int MAX_FORM_BODY = 64 * 1024;
    private static final List<Charset> FORM_CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII);

    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize maxValue;

    @ServerRequestFilter(priority = 100)
    public void check(ContainerRequestContext request) throws IOException {
        UriInfo uri = request.getUriInfo();
        int maxValueBytes = (int) Math.min(Integer.MAX_VALUE, maxValue.asLongValue());
        for (Map.Entry<String, List<String>> param : uri.getPathParameters().entrySet()) {
            if (!param.getValue().stream().allMatch(Text::isAcceptable)) {
                throw new MalformedRequest("The path segment " + param.getKey() + " contains a control character");
            }
        }
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.size() > 1) {
            // RFC 6749 §2.3 (one client authentication method) and RFC 6750 §3.1 invalid_request (one token)
            throw new MalformedRequest("Send one Authorization header, not " + authorization.size());
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) && request.hasEntity()) {
            checkForm(request, type, maxValueBytes);
        }
    }

    private static void checkForm(ContainerRequestContext request, MediaType type, int maxValueBytes) throws IOException {
        Charset charset = charset(type);
        byte[] body = request.getEntityStream().readNBytes(MAX_FORM_BODY + 1);
        if (body.length > MAX_FORM_BODY) {
            throw new MalformedRequest(413, OAuthError.INVALID_REQUEST, "The form body is larger than " + MAX_FORM_BODY + " bytes");
        }
        for (Map.Entry<String, List<String>> param : UrlEncoded.parse(body, charset, "form body", maxValueBytes).entrySet()) {
            if (param.getValue().size() > 1) {
                // RFC 6749 §3.1: parameters must not be included more than once; this server takes one resource
                // (RFC 8707 §2 invalid_target)
                String error = param.getKey().equals("resource") ? OAuthError.INVALID_TARGET : OAuthError.INVALID_REQUEST;
                throw new MalformedRequest(400, error, "Repeated parameter: " + param.getKey());
            }
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /**
     * RFC 6749 Appendix B: form bodies are UTF-8, the default here. Clients that label their (ASCII) bodies
     * ISO-8859-1 or US-ASCII, as Apache HttpClient and REST Assured do, are read in that charset, as the JAX-RS form
     * readers after this filter also do; any other charset is refused rather than guessed.
     */
    private static Charset charset(MediaType type) {
        for (Map.Entry<String, String> param : type.getParameters().entrySet()) {
            if (param.getKey().equalsIgnoreCase("charset")) {
                String name = param.getValue().strip();
                for (Charset known : FORM_CHARSETS) {
                    if (known.name().equalsIgnoreCase(name) || known.aliases().stream().anyMatch(name::equalsIgnoreCase)) {
                        return known;
                    }
                }
                throw new MalformedRequest("Unsupported charset for a form body; use UTF-8");
            }
        }
        return StandardCharsets.UTF_8;
    }
}
