package fr.mssante.ejb.relay.route;

/** One MX resource record (RFC 1035 section 3.3.9): lower preference first; exchange without the final dot. */
public record MxRecord(int preference, String exchange) {

    /** RFC 7505 section 3: the null MX, "this domain accepts no mail", is {@code 0 .}. */
    public boolean isNull() {
        return exchange.isEmpty() || ".".equals(exchange);
    }
}
