/** A notification a channel could not deliver; `retryable` says whether trying again later may help. Its message never carries a secret. */
export class ChannelError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'ChannelError';
  }
}
