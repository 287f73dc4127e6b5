import helmet from "@fastify/helmet";
import type { App } from "./types.ts";

/** One year; the portal's own sub-domains included (they are the provider's too). */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Security headers on every answer: the API's JSON, the web app's index.html and its
 * assets, errors and 404s alike. Ant Design injects its CSS-in-JS as <style> tags,
 * hence inline styles; scripts only from this origin. No page may frame the portal
 * (X-Frame-Options DENY and frame-ancestors 'none': clickjacking of the filing and
 * review buttons), no MIME sniffing, and no Referer leaves the site (page paths carry
 * order ids; the reset page its token in the query).
 */
export async function registerSecurityHeaders(app: App): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // Set below, and only for HTTPS: over plain HTTP (the demo on localhost) the header
    // means nothing to browsers, and pinning a host to HTTPS that has no TLS would lock people out.
    hsts: false,
  });
  // HTTPS is the TLS listener's own, or the proxy's X-Forwarded-Proto when the proxy is
  // trusted (BEIAN_TRUST_PROXY); Fastify ignores the header from anyone else.
  app.addHook("onRequest", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS_VALUE);
  });
}
