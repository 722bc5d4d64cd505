import { Types } from 'mongoose';

/** A path id that is not a well-formed ObjectId simply matches nothing (404, never a 500). */
export function toObjectId(id: string): Types.ObjectId | undefined {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined;
}
