/**
 * One subscription to the workbook's events at a time. Adding sheets asks for a fresh one (new
 * sheets need their own handlers) several times in a row, while a subscription is still being
 * made over a slow host: those requests coalesce into one more, the previous handlers are always
 * removed first, and closing removes whatever is active or still being made.
 */
export class SubscriptionKeeper {
  private current: (() => Promise<void>) | undefined;
  private running: Promise<void> | undefined;
  private wanted = false;
  private closed = false;

  /**
   * @param subscribe adds the handlers; resolves with the function that removes them.
   * @param report an error subscribing or unsubscribing (shown and logged by the caller).
   */
  constructor(
    private readonly subscribe: () => Promise<() => Promise<void>>,
    private readonly report: (error: unknown, doing: 'subscribe' | 'unsubscribe') => void,
  ) {}

  /** Replaces the subscription; calls made while one is being made coalesce into one more. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.wanted = true;
    this.running ??= this.loop().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Removes every handler, including those of a subscription still being made. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running) await this.running;
    await this.drop();
  }

  private async loop(): Promise<void> {
    while (this.wanted && !this.closed) {
      this.wanted = false;
      await this.drop();
      if (this.closed) break;
      try {
        this.current = await this.subscribe();
      } catch (error) {
        this.report(error, 'subscribe');
      }
    }
    if (this.closed) await this.drop();
  }

  private async drop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    try {
      await current();
    } catch (error) {
      this.report(error, 'unsubscribe');
    }
  }
}
