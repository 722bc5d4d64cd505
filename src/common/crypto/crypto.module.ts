import { Global, Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';
import { CryptoRandomTokens, RandomTokens } from './random-tokens';
import { SecretBox } from './secret-box';
import { TokenHasher } from './token-hasher';

/** Crypto adapters every domain may use: encryption at rest, token hashing, random secrets. */
@Global()
@Module({
  providers: [
    SecretBox,
    TokenHasher,
    PasswordHasher,
    { provide: RandomTokens, useClass: CryptoRandomTokens },
  ],
  exports: [SecretBox, TokenHasher, PasswordHasher, RandomTokens],
})
export class CryptoModule {}
