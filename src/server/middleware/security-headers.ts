import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every response: a strict CSP (only our own scripts, styles and
 * connections; no plugins, no framing, no inline script), nosniff (a JSON body
 * is never sniffed into HTML), no referrer, no framing. HSTS is off: the
 * server speaks plain HTTP on loopback.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
    crossOriginResourcePolicy: 'same-origin',
  });
