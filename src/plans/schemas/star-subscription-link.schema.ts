import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A plan's Telegram Star subscription link (createChatSubscriptionInviteLink): `_id` is the plan
 * id, one link per plan for good, because Telegram never changes a subscription link's price or
 * chat (and the plan's terms are locked while it sells through one). Inserted when the plan
 * takes the option; afterwards only the outbox job that creates the link writes it (the link
 * and when it was made), so no two writers ever race on it.
 */
@Schema({ collection: 'star_subscription_links', versionKey: false })
export class StarSubscriptionLink {
  /** The plan id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: String, required: true }) channelId!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: String }) chatTitle?: string;
  /** Whole Stars charged every period. */
  @Prop({ type: Number, required: true }) priceStars!: number;
  @Prop({ type: Number, required: true }) periodSeconds!: number;
  /** The link's name in Telegram (`sub:<planId>`), which comes back with every join through it. */
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String }) inviteLink?: string;
  @Prop({ type: Date }) linkCreatedAt?: Date;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const StarSubscriptionLinkSchema = SchemaFactory.createForClass(StarSubscriptionLink);
// A join names the link it came through; a plan has one, so this collection stays small.
StarSubscriptionLinkSchema.index({ inviteLink: 1 });
