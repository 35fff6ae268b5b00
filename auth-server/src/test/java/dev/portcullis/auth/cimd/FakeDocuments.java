package dev.portcullis.auth.cimd;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only: serves Client ID Metadata Documents from memory (http on localhost, allowed by the test allow-list). */
@Path("/test-cimd/{name}")
public class FakeDocuments {

    /** A document to serve; a status other than 200 is answered with the body "no" (and a Location, for a 3xx). */
    record Document(String body, String cacheControl, int status) {
        Document(String body, String cacheControl) {
            this(body, cacheControl, 200);
        }
    }

    static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();

    @GET
    public Response get(@PathParam("name") String name) {
        FETCHES.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        Document document = DOCUMENTS.get(name);
        if (document == null) {
            return Response.status(404).build();
        }
        if (document.status() != 200) {
            return Response.status(document.status()).entity("no").header("Location", "http://10.0.0.1/internal").build();
        }
        Response.ResponseBuilder response = Response.ok(document.body()).type("application/json");
        if (document.cacheControl() != null) {
            response.header("Cache-Control", document.cacheControl());
        }
        return response.build();
    }
}
