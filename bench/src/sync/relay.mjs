// The floor of fan-out on this machine: a server that relays every frame verbatim to the other
// sockets of the same path, with no Yjs, no state and no persistence (relayServer.mjs).
// Whatever a real server costs per delivery beyond this is its own work; this is Node's `ws`
// stack here.
import { serveRelay } from './relayServer.mjs';

serveRelay('relay');
