import type { SwaggerTransform } from "@fastify/swagger";

/**
 * Uploads read their multipart parts themselves (materials/multipart.ts), so
 * their routes declare no body schema for Fastify to validate. The OpenAPI
 * document still describes the parts, for API clients and the generated types:
 * the text field `kind` first, then `file`.
 */
const UPLOAD_PARTS = {
  type: "object",
  required: ["kind", "file"],
  properties: {
    kind: {
      type: "string",
      description: "The material kind (id_front, face_capture, …); sent before the file",
    },
    file: { type: "string", format: "binary", description: "JPEG, PNG or PDF, up to 4 MB" },
  },
};

export const documentMultipart: SwaggerTransform = ({ schema, url }) => {
  const consumes = (schema as { consumes?: string[] } | undefined)?.consumes;
  if (!schema || schema.body || !consumes?.includes("multipart/form-data")) return { schema, url };
  return { schema: { ...schema, body: UPLOAD_PARTS }, url };
};
