import { FakeDriverError } from '../errors';
import type { User } from '../types';
import type { IdAllocator } from './ids';

export interface CreateUserInput {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
}

/** Every account the fake knows: people and bots alike (bots are users with is_bot). */
export class UserStore {
  private readonly users = new Map<number, User>();
  private readonly byUsername = new Map<string, number>();
  private counter = 0;

  constructor(private readonly ids: IdAllocator) {}

  create(input: CreateUserInput = {}): User {
    const id = input.id ?? this.ids.user();
    if (this.users.has(id)) {
      throw new FakeDriverError(`user ${id} already exists`);
    }
    this.counter++;
    const user: User = {
      id,
      is_bot: false,
      first_name: input.first_name ?? `User${this.counter}`,
      ...(input.last_name ? { last_name: input.last_name } : {}),
      ...(input.username ? { username: input.username } : {}),
      ...(input.language_code ? { language_code: input.language_code } : {}),
      ...(input.is_premium ? { is_premium: true as const } : {}),
    };
    this.add(user);
    return user;
  }

  add(user: User): void {
    if (user.username) {
      const owner = this.byUsername.get(user.username.toLowerCase());
      if (owner !== undefined && owner !== user.id) {
        throw new FakeDriverError(`username @${user.username} is taken`);
      }
      this.byUsername.set(user.username.toLowerCase(), user.id);
    }
    this.users.set(user.id, user);
  }

  get(id: number): User | undefined {
    return this.users.get(id);
  }

  /** For drivers: a missing user is a mistake in the test. */
  require(id: number): User {
    const user = this.users.get(id);
    if (!user) {
      throw new FakeDriverError(`unknown user ${id}; create it with createUser() first`);
    }
    return user;
  }

  findByUsername(username: string): User | undefined {
    const id = this.byUsername.get(username.replace(/^@/, '').toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  all(): User[] {
    return [...this.users.values()];
  }

  remove(id: number): void {
    const user = this.users.get(id);
    if (user?.username) {
      this.byUsername.delete(user.username.toLowerCase());
    }
    this.users.delete(id);
  }
}
