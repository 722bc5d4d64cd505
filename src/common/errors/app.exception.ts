import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * An error with a stable machine-readable code. Clients branch on `code`, never on `message`,
 * so codes are never renamed once shipped.
 */
export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }

  static notFound(code: string, message: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, code, message);
  }

  static badRequest(code: string, message: string, details?: unknown): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, code, message, details);
  }

  static conflict(code: string, message: string, details?: unknown): AppException {
    return new AppException(HttpStatus.CONFLICT, code, message, details);
  }

  static unauthorized(code: string, message: string): AppException {
    return new AppException(HttpStatus.UNAUTHORIZED, code, message);
  }

  static forbidden(code: string, message: string): AppException {
    return new AppException(HttpStatus.FORBIDDEN, code, message);
  }
}
