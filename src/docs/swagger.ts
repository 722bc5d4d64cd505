import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';

export const BEARER_AUTH = 'jwt';
export const API_KEY_AUTH = 'api-key';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Membergate API')
    .setDescription(
      'Paid Telegram communities: sellers, channels, plans, payments and memberships. ' +
        'Errors always answer `{ "error": { "code", "message", "details" } }`; branch on `code`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
}

export function mountSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
