import type http from 'node:http';
import type { HttpPolicy } from '../config';

/**
 * Headers every response carries, the API's and the health endpoints' too (a header missing
 * on one path is the path an attacker uses).
 *
 * The Content-Security-Policy is what the built client needs and nothing more: its scripts and
 * styles are files of its own origin (Vite emits no inline script; React sets styles through
 * the DOM, which style-src does not govern); the favicon and the canvas cursors are `data:`
 * images; the service worker is /sw.js; the sync socket is this origin's ws: or wss:.
 * A browser test (e2e/tests/security-headers.test.ts) walks the client with the policy on and
 * fails on any violation report.
 */
export function securityHeaders(
  policy: HttpPolicy,
  publicUrl: string | null,
  req: http.IncomingMessage,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      // blob: the board's uploaded images, fetched with the link's token and shown from memory.
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self'${socketSources(publicUrl, req)}`,
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${policy.frameAncestors}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  // X-Frame-Options can only say "nobody" or "same origin"; a list of framers is CSP's alone.
  if (policy.frameAncestors === "'none'") headers['x-frame-options'] = 'DENY';
  else if (policy.frameAncestors === "'self'") headers['x-frame-options'] = 'SAMEORIGIN';
  if (policy.hstsSeconds > 0 && servedOverTls(policy, publicUrl, req)) {
    headers['strict-transport-security'] = `max-age=${policy.hstsSeconds}`;
  }
  return headers;
}

/**
 * The sync socket's origin written out: CSP 3 lets 'self' match ws: and wss: of the same host,
 * but Safari before 15.4 (still on some workshop iPads) does not.
 */
function socketSources(publicUrl: string | null, req: http.IncomingMessage): string {
  if (publicUrl) {
    const url = new URL(publicUrl);
    return ` ${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  }
  const host = req.headers.host ?? '';
  // Only a plain host[:port]: the header is the client's to write.
  if (!/^[\w.-]+(:\d{1,5})?$|^\[[\da-fA-F:.]+\](:\d{1,5})?$/.test(host)) return '';
  return ` ws://${host} wss://${host}`;
}

/** HSTS only means something over TLS: Paja's own port is plain HTTP behind a TLS proxy. */
function servedOverTls(
  policy: HttpPolicy,
  publicUrl: string | null,
  req: http.IncomingMessage,
): boolean {
  if (publicUrl?.startsWith('https:')) return true;
  if (!policy.trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim();
  return first === 'https';
}
