/**
 * Paja's wire protocol: the message-type registry, one module per message family (encoder and
 * decoder side by side), the close-code table and the handshake. PROTOCOL.md describes the
 * bytes; how to add a message is written there too.
 */
export * from './closeCodes';
export * from './comment';
export * from './commentAction';
export * from './decode';
export * from './follow';
export * from './handshake';
export * from './messageType';
export * from './moderation';
export * from './privateNotes';
export * from './readerCount';
export * from './save';
export * from './sync';
export * from './timer';
export * from './votes';
export * from './welcome';
