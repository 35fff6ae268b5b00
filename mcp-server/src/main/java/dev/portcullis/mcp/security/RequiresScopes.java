package dev.portcullis.mcp.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scopes a {@code @Tool} method needs, beyond the server's base scopes. A call without them is refused
 * before the tool runs, with HTTP {@code 403} and an {@code insufficient_scope} challenge naming every scope the call
 * needs, so that the client can step up (MCP authorization, "Scope Challenge Handling").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScopes {

    String[] value();
}
