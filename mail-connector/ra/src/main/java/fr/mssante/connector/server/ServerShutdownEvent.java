package fr.mssante.connector.server;

/** Fired into every session pipeline when the server stops, so that each closes at a clean point. */
public enum ServerShutdownEvent {
    INSTANCE
}
