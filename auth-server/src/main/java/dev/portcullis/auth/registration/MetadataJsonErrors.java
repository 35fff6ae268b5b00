package dev.portcullis.auth.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.portcullis.auth.http.StrictJson;
import dev.portcullis.auth.http.Text;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a registration (or update) body that the strict JSON reader refused gets (RFC 7591 §3.2.2):
 * {@code invalid_client_metadata}, or {@code invalid_redirect_uri} when a redirect URI string carries a control
 * character; the description names the member (e.g. {@code redirect_uris[0]}), never its value.
 */
final class MetadataJsonErrors {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    private MetadataJsonErrors() {
    }

    static Response of(Throwable failure) {
        String member = null;
        boolean redirectUris = false;
        String description = "The body is not a valid client metadata JSON object";
        if (failure instanceof JsonMappingException mapping && String.valueOf(mapping.getOriginalMessage()).contains("end-of-input")) {
            description = "The body is not valid JSON";
        } else if (failure instanceof StrictJson.UnacceptableText text && !text.getPath().isEmpty()) {
            member = path(text);
            redirectUris = member.startsWith("redirect_uris");
            description = member + " contains a control character";
        } else if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            description = path(mapping) + " has the wrong JSON type";
        } else if (failure instanceof MismatchedInputException mismatch
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            description = "Unexpected content after the JSON object";
        } else if (failure instanceof StreamReadException read) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(read.getOriginalMessage()));
            if (duplicate.find() && Text.isAcceptable(duplicate.group(1))) {
                member = duplicate.group(1);
                description = "Duplicate member: " + member;
            } else {
                description = "The body is not valid JSON";
            }
        }
        String error = redirectUris ? OAuthError.INVALID_REDIRECT_URI : OAuthError.INVALID_CLIENT_METADATA;
        return Response.status(400).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(OAuthError.of(error, description)).build();
    }

    /** The JSON cause of a failure, when the JAX-RS reader wrapped one. */
    static JsonProcessingException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                String name = Text.isAcceptable(reference.getFieldName()) && reference.getFieldName().length() <= 64
                        ? reference.getFieldName() : "?";
                path.append(path.isEmpty() ? "" : ".").append(name);
            }
        }
        return path.toString();
    }
}
