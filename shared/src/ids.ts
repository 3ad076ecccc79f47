// shared/ is typed without DOM or Node libraries; both provide Web Crypto at run time.
interface WithWebCrypto {
  crypto: { getRandomValues(array: Uint8Array): Uint8Array };
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * A random id of `length` characters from a 58-letter alphabet without look-alikes
 * (no 0/O, I/l). 16 characters carry ~93 bits: enough for ids that are also unguessable
 * board addresses. Uses Web Crypto, which both Node 20+ and browsers provide.
 */
export function newId(length = 16): string {
  const bytes = new Uint8Array(length);
  (globalThis as unknown as WithWebCrypto).crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) {
    // 58 does not divide 256, so the first 24 letters are very slightly likelier (1/256);
    // harmless for ids.
    id += ALPHABET[byte % ALPHABET.length];
  }
  return id;
}

const BOARD_ID = /^[0-9A-Za-z_-]{8,64}$/;

/** Board ids arrive in URLs; anything else is refused before it reaches storage. */
export function isBoardId(value: string): boolean {
  return BOARD_ID.test(value);
}
