package dev.portcullis.auth.authorize;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers for every HTML page: no framing (clickjacking on sign-in and consent), no caching of pages
 * that carry CSRF tokens, no referrer leaking request parameters, and no external content. There is no
 * {@code form-action} directive: browsers apply it to the redirect that follows the consent form, which goes
 * to the client's redirect URI.
 */
public class BrowserPageHeaders {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "base-uri 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        boolean page = type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE);
        boolean authorize = request.getUriInfo().getPath().startsWith("/authorize");
        if (!page && !authorize) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", CSP);
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
