package fr.mssante.ejb.identity;

/**
 * What a valid access token says about its holder.
 *
 * @param subject    the {@code sub} of the operator's realm
 * @param nationalId the professional's national id ({@code rpps} claim, from Pro Santé Connect's
 *                   SubjectNameID), null for accounts that are not professionals
 * @param username   {@code preferred_username}
 * @param clientId   {@code azp}: the application the token was issued to
 */
public record VerifiedToken(String subject, String nationalId, String username, String clientId) {
}
