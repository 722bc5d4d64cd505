import { isDuplicateKeyError } from '@app/common';
import type { Model } from 'mongoose';

/**
 * Inserts a document whose `_id` names a decision; when it exists already, returns the stored
 * one. The unique `_id` settles concurrent callers (docs/ARCHITECTURE.md: inserts decide).
 */
export async function insertOnce<T extends { _id: string }>(
  model: Model<T>,
  doc: T,
): Promise<{ doc: T; created: boolean }> {
  try {
    await model.create(doc);
    return { doc, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) {
      throw error;
    }
    const existing = await model.findById(doc._id).lean<T>();
    if (!existing) {
      throw error;
    }
    return { doc: existing, created: false };
  }
}
