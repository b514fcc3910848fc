package io.mape.remote.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

/** The document validates with a real OpenAPI parser, with and without the bearer scheme. */
class OpenApiDocumentTest {

    @Test
    void isValidOpenApi3WithAndWithoutToken() {
        for (boolean secured : new boolean[] {false, true}) {
            SwaggerParseResult r = new OpenAPIV3Parser().readContents(OpenApiDocument.build(secured, 1024).toString());
            assertThat(r.getMessages()).as("secured=" + secured).isEmpty();
            assertThat(r.getOpenAPI().getComponents().getSecuritySchemes() != null).isEqualTo(secured);
        }
    }

    @Test
    void theParserDoesCatchAnInvalidDocument() {
        ObjectNode doc = OpenApiDocument.build(false, 1024);
        ((ObjectNode) doc.at("/paths/~1loops/get")).remove("responses");
        ((ObjectNode) doc.at("/components/parameters/loop")).remove("in");
        SwaggerParseResult r = new OpenAPIV3Parser().readContents(doc.toString());
        assertThat(r.getMessages()).isNotEmpty();
    }

    @Test
    void statesTheBodyLimit() {
        assertThat(OpenApiDocument.build(false, 4096)
                .at("/paths/~1loops~1{loop}~1elements~1{element}/post/description").asText())
                .contains("over 4096 bytes");
    }

    /** Swagger UI and ReDoc render descriptions as Markdown: an HTML-looking {@code <code>} vanished in both. */
    @Test
    void descriptionsHoldNoHtml() {
        ObjectNode doc = OpenApiDocument.build(true, 1024);
        doc.findValues("description").forEach(d -> assertThat(d.asText()).as(d.asText()).doesNotContain("<"));
        assertThat(doc.at("/info/description").asText()).contains("`{\"error\": \"...\", \"status\": 400}`");
    }
}
