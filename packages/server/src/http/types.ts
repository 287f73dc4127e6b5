import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";

/** The Fastify instance with TypeBox typing: request types come from the route schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const LocalizedTextSchema = Type.Object({ zh: Type.String(), en: Type.String() });

/**
 * Every error answer. Registered once (`app.addSchema`) and referenced by each route's error
 * statuses, so the OpenAPI document (and the client types generated from it) holds one `Error`
 * component instead of a copy per status per route.
 */
export const ErrorSchema = Type.Object(
  {
    code: Type.String(),
    message: LocalizedTextSchema,
    details: Type.Optional(Type.Unknown()),
  },
  { $id: "Error" },
);
const ErrorRef = Type.Ref(ErrorSchema);

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** Standard error responses, so the OpenAPI document lists them for every route. */
export const errorResponses = {
  400: ErrorRef,
  401: ErrorRef,
  403: ErrorRef,
  404: ErrorRef,
  409: ErrorRef,
  422: ErrorRef,
};

/**
 * Success bodies left open (documented by the route summary) plus the standard
 * errors. Routes with a fixed success shape declare it instead.
 */
export const openResponses = {
  200: Type.Unknown(),
  201: Type.Unknown(),
  204: Type.Null(),
  ...errorResponses,
};
