/**
 * Pause, resume and cancel for a running pull. The pull checks the gate
 * between requests, so a pause takes effect after the page in flight is
 * stored, and cancelling aborts the request in flight at once.
 */
import { cancelledError } from '../api/errors.ts'

export class PullGate {
  private readonly controller = new AbortController()
  private paused = false
  private waiters: Array<() => void> = []

  get signal(): AbortSignal {
    return this.controller.signal
  }

  get isPaused(): boolean {
    return this.paused
  }

  get isCancelled(): boolean {
    return this.controller.signal.aborted
  }

  pause(): void {
    if (!this.isCancelled) this.paused = true
  }

  resume(): void {
    this.paused = false
    this.release()
  }

  cancel(): void {
    this.controller.abort(cancelledError())
    this.paused = false
    this.release()
  }

  /** Waits while paused; throws the cancellation error once cancelled. */
  async pass(onPaused?: () => void): Promise<void> {
    // Yield first, so a pause requested right after the caller started
    // (in the same tick) still stops the first request.
    await Promise.resolve()
    if (this.isCancelled) throw cancelledError()
    if (!this.paused) return
    onPaused?.()
    await new Promise<void>((resolve) => this.waiters.push(resolve))
    if (this.isCancelled) throw cancelledError()
  }

  private release(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }
}
