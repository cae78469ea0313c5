package fr.mssante.ejb.dsn;

import fr.mssante.ejb.dsn.RecipientStatus.Action;

import java.util.List;

/** The three notices a sender can receive, each with its bilingual subject (French first: MSSanté users). */
enum NoticeKind {
    FAILURE("Non remis / Undelivered Mail Returned to Sender"),
    DELAY("Remise différée / Delayed Mail"),
    SUCCESS("Remis / Delivery report");

    private final String subject;

    NoticeKind(String subject) {
        this.subject = subject;
    }

    String subject() {
        return subject;
    }

    /** A report is about one kind of event; should a caller mix them, the most serious one names it. */
    static NoticeKind of(List<RecipientStatus> recipients) {
        if (recipients.stream().anyMatch(r -> r.action() == Action.FAILED)) {
            return FAILURE;
        }
        if (recipients.stream().anyMatch(r -> r.action() == Action.DELAYED)) {
            return DELAY;
        }
        return SUCCESS;
    }
}
