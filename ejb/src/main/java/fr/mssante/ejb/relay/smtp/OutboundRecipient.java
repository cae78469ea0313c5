package fr.mssante.ejb.relay.smtp;

/**
 * One RCPT TO of an outbound transaction.
 *
 * @param address the forward-path, without angle brackets
 * @param notifyOn RFC 3461 NOTIFY keywords joined by ',' ({@code SUCCESS,FAILURE}, {@code NEVER}), null if none
 * @param orcpt   RFC 3461 ORCPT as {@code addr-type;address} (address decoded), null if none
 */
public record OutboundRecipient(String address, String notifyOn, String orcpt) {
}
