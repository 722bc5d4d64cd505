/** What every service needs from its surroundings: time, the API version, the public URL. */
export interface FakeEnv {
  /** Unix seconds from the fake's clock. */
  now(): number;
  /** The `api_version` events carry. */
  readonly apiVersion: string;
  /** `http://host:port` of the running fake, for URLs such as a session's `url`. */
  baseUrl(): string;
}
