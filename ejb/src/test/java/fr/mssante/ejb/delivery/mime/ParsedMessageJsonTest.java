package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParsedMessageJsonTest {

    static java.util.List<String> samples() {
        return Samples.ALL;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEverySample(String name) {
        ParsedMessage m = Samples.parse(name);

        ParsedMessage back = ParsedMessage.fromJson(m.toJson());

        assertThat(back).isEqualTo(m);
        assertThat(back.toJson()).isEqualTo(m.toJson());
    }

    @Test
    void octetStringsSurviveSoLiteralLengthsStayRight() {
        ParsedMessage m = Samples.parse("malformed-8bit-headers.eml");

        ParsedMessage back = ParsedMessage.fromJson(m.toJson());

        assertThat(ParsedMessage.imapOctets(back.envelope())).isEqualTo(ParsedMessage.imapOctets(m.envelope()));
        assertThat(back.subject()).isEqualTo("Résultats d'analyse – urgent");
    }

    @Test
    void documentLayout() {
        ParsedMessage m = Samples.parse("nested-rfc822.eml");

        JsonObject o = Json.createReader(new StringReader(m.toJson())).readObject();

        assertThat(o.getInt("v")).isEqualTo(1);
        assertThat(o.getJsonNumber("size").longValue()).isEqualTo(m.size());
        assertThat(o.getString("sentDate")).isEqualTo("2024-03-20T09:00+01:00");
        assertThat(o.getJsonArray("references")).hasSize(2);
        JsonObject part = o.getJsonArray("parts").getJsonObject(1);
        assertThat(part.getString("section")).isEqualTo("2");
        assertThat(part.getString("type")).isEqualTo("message/rfc822");
        assertThat(part.getJsonNumber("messageBodyOffset").longValue()).isEqualTo(914);
        assertThat(part.isNull("charset")).isTrue();
    }

    @Test
    void nullsAndMissingFieldsAreTolerated() {
        ParsedMessage m = Samples.parse("missing-date.eml");
        assertThat(ParsedMessage.fromJson(m.toJson()).sentDate()).isNull();

        ParsedMessage minimal = ParsedMessage.fromJson("{\"v\":1,\"size\":12,\"future\":{\"x\":1}}");

        assertThat(minimal.size()).isEqualTo(12);
        assertThat(minimal.parts()).isEmpty();
        assertThat(minimal.references()).isEmpty();
        assertThat(minimal.subject()).isNull();
        assertThat(minimal.textForSearch()).isEmpty();
    }
}
