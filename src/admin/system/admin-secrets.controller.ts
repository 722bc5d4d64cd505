import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../../common/errors/error-body';
import { AdminOnly } from '../common/admin-only.decorator';
import { ReencryptReportDto } from './dto/reencrypt-report.dto';
import { SecretRotationService } from './secret-rotation.service';

@ApiTags('admin')
@Controller('api/admin/system')
@AdminOnly()
export class AdminSecretsController {
  constructor(private readonly rotation: SecretRotationService) {}

  @Post('reencrypt-secrets')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-encrypt stored secrets with the current ENCRYPTION_KEY (key rotation)',
    description:
      'Run after deploying a new ENCRYPTION_KEY with the old one in ENCRYPTION_KEYS_PREVIOUS. ' +
      'Sellers’ Stripe keys and webhook signing secrets are sealed again with the new key; ' +
      'safe to run again (rows already under the new key are left alone). Short-lived ' +
      'ciphertexts (claim links, idempotent answers) are not rewritten: keep the old key in ' +
      'ENCRYPTION_KEYS_PREVIOUS until they have expired (CLAIM_LINK_TTL_DAYS).',
  })
  @ApiResponse({ status: 200, type: ReencryptReportDto })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'REENCRYPT_RUNNING' })
  reencryptSecrets(): Promise<ReencryptReportDto> {
    return this.rotation.reencryptAll();
  }
}
