package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void splitsScopeStringsOnAnyWhitespace() {
        assertEquals(List.of("a", "b", "c"), Scope.parse("  a b\tc "));
        assertEquals(List.of(), Scope.parse(null));
        assertEquals(List.of(), Scope.parse(" \t "));
    }

    @Test
    void keepsFirstOccurrenceOrderAndDropsDuplicates() {
        assertEquals(List.of("notes:write", "mcp:tools", "offline_access"),
                Scope.parse("notes:write mcp:tools notes:write  offline_access mcp:tools"));
    }

    @Test
    void isCaseSensitive() {
        assertEquals(List.of("Notes", "notes"), Scope.parse("Notes notes"));
    }

    @Test
    void formatsWithSingleSpacesAndRoundTrips() {
        assertEquals("a b c", Scope.format(List.of("a", "b", "c")));
        assertEquals("", Scope.format(List.of()));
        assertEquals("x y", Scope.format(Scope.parse("\tx  y x ")));
    }
}
