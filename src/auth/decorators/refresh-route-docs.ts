import { applyDecorators, Type } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../../common/errors/error-body';

const BAD_INPUT = 'VALIDATION_FAILED, UNKNOWN_FIELD, UNSAFE_INPUT, INVALID_JSON';

/**
 * Swagger for a refresh route. Sellers and admins each have their own, answering alike; a
 * refresh token of the other kind of session is INVALID_REFRESH_TOKEN there.
 */
export function RefreshRouteDocs(doc: {
  summary: string;
  description: string;
  type: Type<unknown>;
  /** The 403 codes of this kind of session. */
  forbidden: string;
}): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiResponse({ status: 200, type: doc.type }),
    ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT }),
    ApiResponse({
      status: 401,
      type: ErrorBody,
      description:
        'INVALID_REFRESH_TOKEN, REFRESH_TOKEN_EXPIRED, REFRESH_TOKEN_REUSED, REFRESH_TOKEN_REVOKED',
    }),
    ApiResponse({ status: 403, type: ErrorBody, description: doc.forbidden }),
  );
}
