import { REGIONS } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { openResponses, IdParams, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { addDomain, getDomain, listDomains } from "./domains.ts";
import { addServer, getServer, listServers } from "./servers.ts";
import { grantServiceCode, listServiceCodes, revokeServiceCodeGrant } from "./service-codes.ts";

const closed = { additionalProperties: false } as const;

const DomainBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 253 }),
    holderName: Type.String({ minLength: 1, maxLength: 64 }),
    holderCertificateNumber: Type.String({ minLength: 4, maxLength: 32 }),
    realNameVerifiedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    expiresAt: Type.String({ format: "date-time" }),
  },
  closed,
);

const ServerBody = Type.Object(
  {
    instanceId: Type.String({ minLength: 1, maxLength: 64 }),
    region: Type.Union(REGIONS.map((region) => Type.Literal(region.id))),
    product: Type.String({ minLength: 1, maxLength: 64 }),
    billingType: Type.Union([Type.Literal("subscription"), Type.Literal("pay_as_you_go")]),
    paidFrom: Type.String({ format: "date-time" }),
    paidUntil: Type.String({ format: "date-time" }),
    autoRenew: Type.Boolean(),
    publicIp: Type.Union([Type.String({ format: "ipv4" }), Type.Null()]),
  },
  closed,
);

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) }, closed);

export function registerResourceRoutes(app: App, ctx: AppContext) {
  const tags = ["resources"];
  app.get(
    "/api/domains",
    { schema: { tags, summary: "Your domains (域名)", response: openResponses } },
    async (request) => {
      const viewer = requireApplicant(request);
      return { items: await listDomains(ctx, viewer.accountId) };
    },
  );
  app.post(
    "/api/domains",
    {
      schema: {
        tags,
        summary: "Register a domain with its holder and real-name data",
        body: DomainBody,
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      return reply.status(201).send(await addDomain(ctx, viewer.accountId, request.body));
    },
  );
  app.get(
    "/api/domains/:id",
    { schema: { tags, params: IdParams, response: openResponses } },
    async (request) => {
      const viewer = requireApplicant(request);
      return getDomain(ctx, viewer.accountId, request.params.id);
    },
  );

  app.get(
    "/api/servers",
    { schema: { tags, summary: "Your servers (服务器)", response: openResponses } },
    async (request) => {
      const viewer = requireApplicant(request);
      return { items: await listServers(ctx, viewer.accountId) };
    },
  );
  app.post(
    "/api/servers",
    {
      schema: {
        tags,
        summary: "Register a server; an eligible one yields five filing service codes",
        body: ServerBody,
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      return reply.status(201).send(await addServer(ctx, viewer.accountId, request.body));
    },
  );
  app.get(
    "/api/servers/:id",
    { schema: { tags, params: IdParams, response: openResponses } },
    async (request) => {
      const viewer = requireApplicant(request);
      return getServer(ctx, viewer.accountId, request.params.id);
    },
  );
  app.get(
    "/api/service-codes",
    {
      schema: {
        tags,
        summary:
          "The filing service codes (备案服务码) you can file with: your own not granted away, and those granted to you (grantedBy)",
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      return { items: await listServiceCodes(ctx, viewer.accountId) };
    },
  );
  app.post(
    "/api/service-codes/:code/grant",
    {
      schema: {
        tags,
        summary:
          "Grant an unused service code to another applicant account, found by a user's e-mail (授权备案服务号)",
        params: CodeParams,
        body: Type.Object({ email: Type.String({ format: "email", maxLength: 254 }) }, closed),
        response: openResponses,
      },
      // The answer tells whether an address has an applicant account: limited like login.
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      return grantServiceCode(ctx, viewer, request.params.code, request.body.email);
    },
  );
  app.post(
    "/api/service-codes/:code/revoke-grant",
    {
      schema: {
        tags,
        summary: "Take back the grant of a service code while it is still unused (撤销授权)",
        params: CodeParams,
        body: Type.Optional(Type.Object({}, closed)),
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      return revokeServiceCodeGrant(ctx, viewer, request.params.code);
    },
  );
}
