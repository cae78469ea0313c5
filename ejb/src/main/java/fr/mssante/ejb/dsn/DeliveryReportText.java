package fr.mssante.ejb.dsn;

import java.time.OffsetDateTime;

/**
 * The human-readable first part of a report (RFC 3464 section 2: "a human-readable explanation"), in French
 * then English: what happened to each recipient and what the sender can do about it.
 */
final class DeliveryReportText {

    private DeliveryReportText() {
    }

    static String render(DeliveryReport report, NoticeKind kind, String hostname) {
        StringBuilder fr = new StringBuilder();
        StringBuilder en = new StringBuilder();
        switch (kind) {
            case FAILURE -> {
                fr.append("Votre message n'a pas pu être remis au(x) destinataire(s) ci-dessous.\n\n");
                en.append("Your message could not be delivered to the recipient(s) below.\n\n");
            }
            case DELAY -> {
                fr.append("Votre message n'a pas encore pu être remis au(x) destinataire(s) ci-dessous.\n"
                        + "Il n'y a rien à faire pour l'instant : de nouvelles tentatives sont en cours.\n\n");
                en.append("Your message has not yet been delivered to the recipient(s) below.\n"
                        + "No action is needed for now: delivery is being retried.\n\n");
            }
            case SUCCESS -> {
                fr.append("Votre message a été remis au(x) destinataire(s) ci-dessous, comme vous l'avez demandé.\n\n");
                en.append("Your message was delivered to the recipient(s) below, as you asked.\n\n");
            }
        }
        for (RecipientStatus r : report.recipients()) {
            fr.append("  <").append(r.finalRecipient()).append("> : ").append(outcomeFr(r)).append('\n');
            en.append("  <").append(r.finalRecipient()).append(">: ").append(outcomeEn(r)).append('\n');
            if (r.diagnosticCode() != null) {
                String reply = DeliveryStatusFields.printable(r.diagnosticCode());
                fr.append("    réponse du serveur").append(r.remoteMta() == null ? "" : " " + r.remoteMta())
                        .append(" : ").append(reply).append('\n');
                en.append("    server").append(r.remoteMta() == null ? "" : " " + r.remoteMta())
                        .append(" said: ").append(reply).append('\n');
            }
        }
        if (kind == NoticeKind.FAILURE) {
            fr.append("\nVérifiez l'adresse du destinataire (annuaire national MSSanté) puis renvoyez le message ;"
                    + " si le problème persiste, contactez le support de votre établissement.\n");
            en.append("\nCheck the recipient's address (national MSSanté directory) and send the message again;"
                    + " if the problem persists, contact your establishment's support.\n");
        }
        String returned = report.returnFullMessage()
                ? "Le message d'origine est joint. / The original message is attached."
                : "Les en-têtes du message d'origine sont joints. / The original message's headers are attached.";
        String text = fr + "\n----\n\n" + en + "\n" + returned + "\n\n-- \n" + hostname + " (MAILER-DAEMON)\n";
        return text.replace("\n", "\r\n");
    }

    private static String outcomeFr(RecipientStatus r) {
        return switch (r.action()) {
            case FAILED -> "échec définitif (" + r.status() + ")";
            case DELAYED -> "remise retardée (" + r.status() + ")" + until(r.willRetryUntil(), "; abandon le ");
            case DELIVERED -> "remis dans la boîte aux lettres";
            case RELAYED -> "transmis à un serveur qui n'envoie pas d'accusé de remise";
            case EXPANDED -> "remis à une liste de diffusion";
        };
    }

    private static String outcomeEn(RecipientStatus r) {
        return switch (r.action()) {
            case FAILED -> "permanent failure (" + r.status() + ")";
            case DELAYED -> "delivery delayed (" + r.status() + ")" + until(r.willRetryUntil(), "; will give up on ");
            case DELIVERED -> "delivered to the mailbox";
            case RELAYED -> "relayed to a server that sends no delivery notifications";
            case EXPANDED -> "delivered to a mailing list";
        };
    }

    private static String until(OffsetDateTime when, String prefix) {
        return when == null ? "" : prefix + DeliveryStatusFields.RFC5322_DATE.format(when);
    }
}
