import { applyDecorators, Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiResponseOptions } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

/** What a route says about itself in Swagger; `errors` are its answers beyond the usual ones. */
interface RouteDoc {
  summary: string;
  description?: string;
  errors?: ApiResponseOptions[];
}

/** The stable codes of an error answer, documented with the shared error body. */
export function errorResponse(status: number, codes: string): ApiResponseOptions {
  return { status, type: ErrorBody, description: codes };
}

/** 400 for a body or query the global ValidationPipe refused. */
export const BAD_INPUT = errorResponse(400, 'VALIDATION_FAILED, UNKNOWN_FIELD');

function operation(doc: RouteDoc, success: ApiResponseOptions): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: doc.summary,
      ...(doc.description === undefined ? {} : { description: doc.description }),
    }),
    ApiResponse(success),
    ...(doc.errors ?? []).map((error) => ApiResponse(error)),
  );
}

/**
 * Swagger for the usual routes of a seller-owned resource (list, get one, change, delete), so
 * each controller keeps its handlers and names only what differs: its DTO, texts and the code of
 * its 404. Behaviour (`@HttpCode`, `@Idempotent`) stays on the handler, where it can be seen.
 */
export const ResourceDocs = {
  list: (doc: RouteDoc & { type: Type<unknown> }): MethodDecorator =>
    operation(doc, { status: 200, type: doc.type, isArray: true }),

  get: (doc: RouteDoc & { type: Type<unknown>; notFound: string }): MethodDecorator =>
    operation(
      { ...doc, errors: [errorResponse(404, doc.notFound), ...(doc.errors ?? [])] },
      { status: 200, type: doc.type },
    ),

  update: (doc: RouteDoc & { type: Type<unknown>; notFound: string }): MethodDecorator =>
    operation(
      { ...doc, errors: [BAD_INPUT, errorResponse(404, doc.notFound), ...(doc.errors ?? [])] },
      { status: 200, type: doc.type },
    ),

  remove: (doc: RouteDoc & { notFound: string }): MethodDecorator =>
    operation(
      { ...doc, errors: [errorResponse(404, doc.notFound), ...(doc.errors ?? [])] },
      { status: 204, description: 'Deleted' },
    ),
};
