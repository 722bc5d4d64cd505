import type {
  ClaimRefs,
  PaymentBase,
  PaymentCustomer,
  PaymentProvider,
  PaymentStatus,
  PaymentView,
  StarsRefs,
  StoredStripeRefs,
} from './payment.types';

/** What PaymentRepository takes and gives besides PaymentView. */

export interface NewPayment extends PaymentBase {
  stripe?: StoredStripeRefs;
  stars?: StarsRefs;
  claim?: ClaimRefs & { tokenHash: string };
  checkoutSessionId?: string;
  subscriptionId?: string;
  failureReason?: string;
  expiresAt?: Date;
  createdAt: Date;
  day: string;
}

/** Written once, after the grant decided the payment is paid: the same values for every writer. */
export interface SuccessPatch {
  grantId: string;
  paidAt: Date;
  day: string;
  customer?: PaymentCustomer;
  stripe?: StoredStripeRefs;
  stars?: StarsRefs;
  subscriptionId?: string;
}

export interface PaymentListFilter {
  status?: PaymentStatus;
  provider?: PaymentProvider;
  from?: Date;
  to?: Date;
}

export interface PaymentPage {
  items: PaymentView[];
  total: number;
}
