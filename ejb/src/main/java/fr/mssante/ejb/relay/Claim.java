package fr.mssante.ejb.relay;

import java.util.List;

/** A relay message with the recipients of it that this node claimed for one attempt (detached copies). */
record Claim(RelayMessage message, List<RelayRecipient> recipients) {

    Claim {
        recipients = List.copyOf(recipients);
    }
}
