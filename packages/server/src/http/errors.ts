import { AppError } from "@openbeian/core";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

/**
 * Maps everything thrown below the edge to one JSON error shape with a stable
 * code and a zh/en message. Unknown errors are logged and become INTERNAL.
 */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.status === 429 && typeof retryAfter === "number" && !reply.hasHeader("retry-after"))
      reply.header("retry-after", String(retryAfter));
    return reply.status(error.status).send(error.toBody());
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const details = fastifyError.validation.map((issue) => ({
      field: fieldOf(issue.instancePath, issue.params),
      problem: issue.keyword,
      message: issue.message,
    }));
    return reply.status(400).send(new AppError("VALIDATION_FAILED", details).toBody());
  }
  if (fastifyError.statusCode === 429) return reply.status(429).send(new AppError("RATE_LIMITED").toBody());
  if (fastifyError.statusCode === 413)
    return reply.status(413).send(new AppError("PAYLOAD_TOO_LARGE").toBody());
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    // Malformed JSON, wrong content type and the like.
    return reply
      .status(400)
      .send(new AppError("VALIDATION_FAILED", { problem: fastifyError.code ?? "bad_request" }).toBody());
  }
  request.log.error({ err: error }, "unhandled error");
  return reply.status(500).send(new AppError("INTERNAL").toBody());
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const base = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const extra = (params.additionalProperty ?? params.missingProperty) as string | undefined;
  if (!extra) return base;
  return base ? `${base}.${extra}` : extra;
}
