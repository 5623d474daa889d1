import type { PullStatus } from '../../shared/ipc/channels/wizard.ts'

/** Most progress events per second sent to the renderer. */
const EVENTS_PER_SECOND = 4

/**
 * Limits progress events to a few per second. A change of state (paused,
 * verifying, completed) is sent at once; counts in between are merged and
 * the latest is sent when the interval ends.
 */
export class ProgressThrottle {
  private readonly send: (status: PullStatus) => void
  private readonly intervalMs = 1000 / EVENTS_PER_SECOND
  private lastSentAt = 0
  private lastState: PullStatus['state'] | null = null
  private pending: PullStatus | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(send: (status: PullStatus) => void) {
    this.send = send
  }

  push(status: PullStatus): void {
    const now = Date.now()
    if (
      status.state !== this.lastState ||
      now - this.lastSentAt >= this.intervalMs
    ) {
      this.flush(status, now)
      return
    }
    this.pending = status
    this.timer ??= setTimeout(() => {
      this.timer = null
      if (this.pending) this.flush(this.pending, Date.now())
    }, this.intervalMs)
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = null
  }

  private flush(status: PullStatus, now: number): void {
    this.pending = null
    this.lastSentAt = now
    this.lastState = status.state
    this.send(status)
  }
}
