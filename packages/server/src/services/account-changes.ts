/**
 * Says, after the change is committed, that a user's credentials or standing changed: a session ended, the password
 * changed or was reset, an API key was deleted, the account was suspended, deleted or its role changed. Holders of
 * long-lived connections (sockets) listen here and authenticate that user's connections again.
 */
export class AccountChanges {
  private readonly listeners = new Set<(userId: number) => void>();

  /** Returns the unsubscribe. */
  onChange(listener: (userId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(userId: number): void {
    for (const listener of this.listeners) listener(userId);
  }
}
