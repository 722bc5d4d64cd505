import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { ACCESS_TOKEN_TTL_SECONDS, JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';
import { Role, ROLES } from './principal';

interface AccessClaims {
  sub: string;
  role: Role;
  typ: 'access';
}

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

/**
 * Short-lived HS256 access JWTs (`sub`, `role`, `typ: 'access'`). Times come from the Clock so
 * tests can expire a token by moving time; `typ` keeps any other JWT we might sign with the same
 * secret from being accepted as an access token.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  issue(params: { sellerId: string; role: Role }): IssuedAccessToken {
    const claims: AccessClaims & { iat: number } = {
      sub: params.sellerId,
      role: params.role,
      typ: 'access',
      iat: Math.floor(this.clock.now().getTime() / 1000),
    };
    const accessToken = this.jwt.sign(claims, {
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithm: 'HS256',
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  verify(token: string): { sellerId: string; role: Role } {
    let claims: Partial<AccessClaims>;
    try {
      claims = this.jwt.verify<Partial<AccessClaims>>(token, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw AppException.unauthorized('ACCESS_TOKEN_EXPIRED', 'The access token has expired');
      }
      throw AppException.unauthorized('INVALID_ACCESS_TOKEN', 'The access token is not valid');
    }
    const { sub, role, typ } = claims;
    if (typ !== 'access' || typeof sub !== 'string' || !ROLES.includes(role as Role)) {
      throw AppException.unauthorized('INVALID_ACCESS_TOKEN', 'The access token is not valid');
    }
    return { sellerId: sub, role: role as Role };
  }
}
