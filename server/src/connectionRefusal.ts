import { CloseCode } from '@paja/shared';

/** An input problem that closes this connection with a named code. */
export class ConnectionRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionRefusal';
  }
}

/** Something undecodable or out of place: closes the connection with 4400. */
export const malformed = (why: string) => new ConnectionRefusal(CloseCode.malformed, why);
