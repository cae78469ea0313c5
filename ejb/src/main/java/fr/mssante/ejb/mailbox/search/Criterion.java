package fr.mssante.ejb.mailbox.search;

/** A compiled search key, evaluated against one candidate's lazily derived view. */
@FunctionalInterface
interface Criterion {

    boolean matches(CandidateView view);
}
