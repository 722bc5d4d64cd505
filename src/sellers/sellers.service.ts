import { HttpStatus, Injectable } from '@nestjs/common';
import { AccessTokenService } from '../auth/access-token.service';
import {
  accountDisabled,
  SellerDisablementsService,
} from '../auth/disablements/seller-disablements.service';
import { LoginThrottleService } from '../auth/login-throttle/login-throttle.service';
import { RefreshTokenService } from '../auth/refresh-tokens/refresh-token.service';
import { Clock } from '../common/clock/clock';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { AppException } from '../common/errors/app.exception';
import { SellerRecord, SellerRepository } from './seller.repository';
import { toObjectId } from './tenancy/object-id';

export type SellerView = Omit<SellerRecord, 'passwordHash'>;

/** A seller as a platform admin sees it: the account and whether it is disabled. */
export interface AdminSellerView extends SellerView {
  disabled: boolean;
  disabledAt: Date | null;
  disabledBy: string | null;
  disabledReason: string | null;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Seller sessions are subjects that are seller ids; admin sessions (`tg:<id>`) are not. */
const isSellerSubject = (subject: string): boolean => toObjectId(subject) !== undefined;

const invalidCredentials = (): AppException =>
  AppException.unauthorized('INVALID_CREDENTIALS', 'E-mail or password is wrong');

@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellerRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: LoginThrottleService,
    private readonly disablements: SellerDisablementsService,
    private readonly clock: Clock,
  ) {}

  async register(params: { email: string; password: string; name: string }): Promise<SellerView> {
    const now = this.clock.now();
    const created = await this.sellers.create({
      email: params.email,
      name: params.name,
      passwordHash: await this.passwords.hash(params.password),
      createdAt: now,
      updatedAt: now,
    });
    if (!created) {
      throw AppException.conflict('EMAIL_TAKEN', 'An account with this e-mail already exists');
    }
    return toView(created);
  }

  /** Same answer, and about the same time, for an unknown e-mail and a wrong password. */
  async login(params: { email: string; password: string; ip: string }): Promise<SessionTokens> {
    const ticket = await this.throttle.begin({ email: params.email, ip: params.ip });
    const seller = await this.sellers.findByEmail(params.email);
    const valid = seller
      ? await this.passwords.verify(seller.passwordHash, params.password)
      : await this.passwords.verifyNothing(params.password);
    if (!seller || !valid) {
      await this.throttle.failed(ticket);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(ticket);
    await this.disablements.assertEnabled(seller.id);
    return this.startSession(seller);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const rotated = await this.refreshTokens.rotate(refreshToken, isSellerSubject);
    const seller = await this.sellers.findById(rotated.sellerId);
    if (!seller) {
      throw AppException.unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
    }
    if (await this.disablements.find(seller.id)) {
      // A session started while the account was being disabled ends here.
      await this.refreshTokens.revokeByToken(rotated.refreshToken, isSellerSubject);
      throw accountDisabled();
    }
    const access = this.accessTokens.issue({ sellerId: seller.id, role: seller.role });
    return { ...access, refreshToken: rotated.refreshToken, tokenType: 'Bearer' };
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(refreshToken, isSellerSubject);
  }

  /** How many seller accounts exist (admin statistics). */
  count(): Promise<number> {
    return this.sellers.count();
  }

  async get(sellerId: string): Promise<SellerView> {
    return toView(await this.require(sellerId));
  }

  async update(
    sellerId: string,
    changes: { name?: string; newPassword?: string; currentPassword?: string },
  ): Promise<SellerView> {
    const seller = await this.require(sellerId);
    let passwordHash: string | undefined;
    if (changes.newPassword !== undefined) {
      const current = changes.currentPassword ?? '';
      if (!(await this.passwords.verify(seller.passwordHash, current))) {
        throw new AppException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'INVALID_CURRENT_PASSWORD',
          'currentPassword is wrong',
        );
      }
      passwordHash = await this.passwords.hash(changes.newPassword);
    }
    const updated = await this.sellers.update(sellerId, {
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
      updatedAt: this.clock.now(),
    });
    if (passwordHash !== undefined) {
      // Whoever knew the old password may hold a session; all of them end.
      await this.refreshTokens.revokeAllFor(sellerId, 'password_changed');
    }
    return toView(updated ?? seller);
  }

  async getForAdmin(sellerId: string): Promise<AdminSellerView> {
    const seller = await this.require(sellerId);
    return toAdminView(seller, await this.disablements.find(seller.id));
  }

  /** An admin switches the account off: its keys are revoked and its sessions end at once. */
  async disable(params: {
    sellerId: string;
    by: string;
    reason: string;
  }): Promise<AdminSellerView> {
    const seller = await this.require(params.sellerId);
    const disablement = await this.disablements.disable({ ...params, sellerId: seller.id });
    return toAdminView(seller, disablement);
  }

  async enable(sellerId: string): Promise<AdminSellerView> {
    const seller = await this.require(sellerId);
    await this.disablements.enable(seller.id);
    return toAdminView(seller, undefined);
  }

  private async startSession(seller: SellerRecord): Promise<SessionTokens> {
    const { refreshToken } = await this.refreshTokens.startFamily(seller.id);
    const access = this.accessTokens.issue({ sellerId: seller.id, role: seller.role });
    return { ...access, refreshToken, tokenType: 'Bearer' };
  }

  private async require(sellerId: string): Promise<SellerRecord> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) {
      throw AppException.notFound('SELLER_NOT_FOUND', 'This account no longer exists');
    }
    return seller;
  }
}

function toAdminView(
  seller: SellerRecord,
  disablement: { disabledAt: Date; by: string; reason: string } | undefined,
): AdminSellerView {
  return {
    ...toView(seller),
    disabled: disablement !== undefined,
    disabledAt: disablement?.disabledAt ?? null,
    disabledBy: disablement?.by ?? null,
    disabledReason: disablement?.reason ?? null,
  };
}

function toView(seller: SellerRecord): SellerView {
  return {
    id: seller.id,
    email: seller.email,
    name: seller.name,
    role: seller.role,
    createdAt: seller.createdAt,
    updatedAt: seller.updatedAt,
  };
}
