import { describe, expect, it } from 'vitest';
import { type ConnectionEvent, type ConnectionState, nextConnectionState } from './connection';

const run = (events: ConnectionEvent[], start: ConnectionState = 'connecting') =>
  events.reduce(nextConnectionState, start);

describe('nextConnectionState', () => {
  it('goes online when the socket opens', () => {
    expect(run([{ type: 'status', status: 'connected' }])).toBe('online');
  });

  it('stays offline while retrying after a lost connection', () => {
    expect(
      run([
        { type: 'status', status: 'connected' },
        { type: 'status', status: 'disconnected' },
        { type: 'status', status: 'connecting' },
        { type: 'closed' },
        { type: 'status', status: 'connecting' },
      ]),
    ).toBe('offline');
  });

  it('is offline when the first attempt fails, and online after a later one succeeds', () => {
    expect(run([{ type: 'closed' }, { type: 'status', status: 'connecting' }])).toBe('offline');
    expect(run([{ type: 'closed' }, { type: 'status', status: 'connected' }])).toBe('online');
  });

  it('is offline when the browser says so', () => {
    expect(run([{ type: 'status', status: 'connected' }, { type: 'browser-offline' }])).toBe(
      'offline',
    );
  });
});
