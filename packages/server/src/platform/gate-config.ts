import { readFileSync } from "node:fs";
import type { GateSettings } from "../gate-sync/gate-runtime.ts";
import { ConfigError } from "./config.ts";

/**
 * The gate's settings from flags and environment, checked like the rest of the
 * configuration: every error names the setting and what it wants.
 *
 * --gate-port / BEIAN_GATE_PORT (default 8080; BEIAN_GATE=off: no gate),
 * BEIAN_GATE_UPSTREAM host:port (proxy allowed requests; unset: answer with a
 * decision header for a front proxy), BEIAN_GATE_BLOCK_STATUS (default 451),
 * BEIAN_GATE_TLS_CERT and BEIAN_GATE_TLS_KEY (PEM files) with --gate-tls-port /
 * BEIAN_GATE_TLS_PORT (default 8443), BEIAN_GATE_POLL_MS (default 250).
 */
export interface GateFlags {
  gatePort?: string;
  gateTlsPort?: string;
  gateUpstream?: string;
  gateBlockStatus?: string;
}

export function loadGateSettings(
  host: string,
  flags: GateFlags,
  env: NodeJS.ProcessEnv,
): GateSettings | null {
  if (env.BEIAN_GATE === "off") return null;
  const upstream = flags.gateUpstream ?? env.BEIAN_GATE_UPSTREAM;
  const certFile = env.BEIAN_GATE_TLS_CERT;
  const keyFile = env.BEIAN_GATE_TLS_KEY;
  if (!!certFile !== !!keyFile) {
    throw new ConfigError(
      "BEIAN_GATE_TLS_CERT and BEIAN_GATE_TLS_KEY go together: set both PEM files or neither.",
    );
  }
  return {
    host,
    port: port("--gate-port", flags.gatePort ?? env.BEIAN_GATE_PORT ?? "8080"),
    mode: upstream ? "proxy" : "decision",
    upstream: upstream ? hostPort(upstream) : null,
    blockStatus: blockStatus(flags.gateBlockStatus ?? env.BEIAN_GATE_BLOCK_STATUS ?? "451"),
    tls:
      certFile && keyFile
        ? {
            port: port("--gate-tls-port", flags.gateTlsPort ?? env.BEIAN_GATE_TLS_PORT ?? "8443"),
            cert: pem("BEIAN_GATE_TLS_CERT", certFile),
            key: pem("BEIAN_GATE_TLS_KEY", keyFile),
          }
        : null,
    pollMs: pollMs(env.BEIAN_GATE_POLL_MS ?? "250"),
  };
}

function port(name: string, value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535) {
    throw new ConfigError(`${name} must be a whole number from 0 to 65535, got "${value}".`);
  }
  return number;
}

function hostPort(value: string): { host: string; port: number } {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value.trim());
  if (!match)
    throw new ConfigError(`BEIAN_GATE_UPSTREAM must be host:port, such as 127.0.0.1:80, got "${value}".`);
  return { host: match[1]!.replace(/^\[|\]$/g, ""), port: port("BEIAN_GATE_UPSTREAM's port", match[2]!) };
}

function blockStatus(value: string): number {
  const status = Number(value);
  if (!/^\d{3}$/.test(value) || status < 400 || status > 599) {
    throw new ConfigError(
      `the gate's block status must be an HTTP error status from 400 to 599, got "${value}".`,
    );
  }
  return status;
}

function pollMs(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 20 || ms > 60_000) {
    throw new ConfigError(`BEIAN_GATE_POLL_MS must be from 20 to 60000 milliseconds, got "${value}".`);
  }
  return ms;
}

function pem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${name}: cannot read "${file}" (${(error as Error).message}).`);
  }
}
