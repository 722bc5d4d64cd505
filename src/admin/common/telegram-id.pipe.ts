import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';

/** A Telegram user id in a path: a positive integer that fits a JS number exactly. */
@Injectable()
export class TelegramIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw AppException.badRequest('VALIDATION_FAILED', 'telegramId must be a positive integer', [
        { field: 'telegramId', errors: ['telegramId must be a positive integer'] },
      ]);
    }
    return id;
  }
}
