import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import type { DomainResolver } from "../review/domain-resolver.ts";

/**
 * The platform's domain resolver (configurable, cached, injected in tests) as the
 * `lookup` of node:http, so a footer campaign reaches sites where the rest of the
 * platform believes they are. IPv4 only, as the resolver is; an IP literal is
 * answered as it is.
 */
export function resolverLookup(resolver: DomainResolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean } | number, callback: LookupCallback) => {
    const all = typeof options === "object" && options.all === true;
    const answer = (addresses: readonly string[]) => {
      if (all) {
        callback(
          null,
          addresses.map((address): LookupAddress => ({ address, family: 4 })),
        );
      } else {
        callback(null, addresses[0]!, 4);
      }
    };
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname)) {
      answer([hostname]);
      return;
    }
    resolver.resolve4(hostname).then(
      (addresses) => {
        if (addresses && addresses.length > 0) {
          answer(addresses);
          return;
        }
        const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: "ENOTFOUND",
          hostname,
        });
        callback(error, "", 4);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  }) as LookupFunction;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
