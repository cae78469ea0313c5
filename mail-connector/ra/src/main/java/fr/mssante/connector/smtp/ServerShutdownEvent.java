package fr.mssante.connector.smtp;

/** Fired into every session pipeline when the server stops, so that each closes at a clean point. */
enum ServerShutdownEvent {
    INSTANCE
}
