/**
 * Counts work in flight (analyses, debounced diagnostics) so `whenIdle()` can tell tests the
 * extension has caught up, instead of them sleeping.
 */
export class IdleTracker {
  private readonly inFlight = new Set<Promise<unknown>>();
  private timers = 0;

  track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  /** A debounce timer counts as work until `release` runs. */
  hold(): () => void {
    this.timers++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.timers--;
      }
    };
  }

  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else if (this.timers > 0) await new Promise((r) => setTimeout(r, 20));
      else return;
    }
  }
}
