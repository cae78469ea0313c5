/**
 * What the protocol engines share: the bounded listener invoker and its scope, the listening socket and
 * graceful stop ({@link fr.mssante.connector.server.NettyServer}), connection limits, the pausing frame
 * decoder base, message spooling and session ids. Nothing here knows SMTP or IMAP.
 */
package fr.mssante.connector.server;
