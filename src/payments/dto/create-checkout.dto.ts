import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CHECKOUT_PROVIDERS, CheckoutProvider } from '../payment.types';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const urlOptions = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateCheckoutDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345679', description: 'The plan to buy.' })
  @IsMongoId()
  planId!: string;

  @ApiPropertyOptional({
    example: 'ann@example.com',
    description: 'Required unless trial: the receipt and the access links are sent there.',
  })
  @ValidateIf((dto: CreateCheckoutDto) => dto.trial !== true || dto.email !== undefined)
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'Ann Smith', description: 'Required unless trial.' })
  @ValidateIf((dto: CreateCheckoutDto) => dto.trial !== true || dto.name !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0958' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,24}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({
    example: 123456789,
    description:
      'The buyer’s Telegram user id, when known. Without it the buyer gets a claim link ' +
      '(t.me/<bot>?start=claim_…) that binds their Telegram account after paying.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  telegramUserId?: number;

  @ApiPropertyOptional({ example: 'SPRING25' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  promoCode?: string;

  @ApiPropertyOptional({
    enum: CHECKOUT_PROVIDERS,
    example: 'stripe',
    description:
      'Optional check: `stripe` (card) for plans in money, `stars` for plans in XTR. The plan ' +
      'decides; a mismatch is refused (422 PROVIDER_NOT_SUPPORTED).',
  })
  @IsOptional()
  @IsIn(CHECKOUT_PROVIDERS)
  provider?: CheckoutProvider;

  @ApiPropertyOptional({
    example: 'https://shop.example.com/thanks',
    description: 'Where Stripe sends the buyer after paying; default: our own success page.',
  })
  @IsOptional()
  @IsUrl(urlOptions)
  @MaxLength(2000)
  successUrl?: string;

  @ApiPropertyOptional({ example: 'https://shop.example.com/cart' })
  @IsOptional()
  @IsUrl(urlOptions)
  @MaxLength(2000)
  cancelUrl?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'Ask for the plan’s free trial instead. Trials are granted once per Telegram account, in ' +
      'the bot where the account is proven: the answer’s checkoutUrl opens the bot.',
  })
  @IsOptional()
  @IsBoolean()
  trial?: boolean;
}
