package fr.mssante.connector.imap.session;

/**
 * The result of one listener call, as the session resumes with it on the event loop: either what to do
 * with the listener's answer, or the refusal to send ({@code NO [code] text}).
 */
public sealed interface CallOutcome {

    /** The call returned; {@code continuation} uses its result (it closes over it). */
    record Done(Runnable continuation) implements CallOutcome {
    }

    /**
     * The call was refused by the listener ({@link fr.mssante.connector.api.imap.ImapFailure}), failed, or
     * could not be made.
     *
     * @param code RFC 5530 response code ({@code UNAVAILABLE} for failures and saturation)
     */
    record Refused(String code, String text) implements CallOutcome {
    }
}
