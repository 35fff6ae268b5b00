package dev.portcullis.auth.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The application's JSON reader is strict, for the registration endpoint (RFC 7591 §3.2.2: a request it cannot read
 * is {@code invalid_client_metadata}) and every document the server fetches: nothing may follow the value
 * ({@code {...}xyz}), a member may not appear twice (which of the two would count is undefined, RFC 8259 §4), a
 * string member may not be given as a number or boolean, and strings must pass {@link Text} (no NUL or other control
 * character). The wire types in {@code common} are shared with the client and stay lenient; the server's mapper is
 * what is configured.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** A JSON string with a control character or an unpaired surrogate; its path names the member. */
    public static final class UnacceptableText extends JsonMappingException {
        UnacceptableText(JsonParser parser) {
            super(parser, "contains a control character");
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("portcullis-strict-strings").addDeserializer(String.class, new CheckedStrings()));
    }

    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (!Text.isAcceptable(value)) {
                throw new UnacceptableText(parser);
            }
            return value;
        }
    }
}
