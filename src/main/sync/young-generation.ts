/**
 * Stops V8 from growing its young generation, so a pull's peak memory stays
 * flat as the store grows. A pull keeps pages parsed ahead of the write, so
 * many bytes survive each young collection, and V8 then doubles the young
 * generation up to 128 MiB. With the growth stopped from the start of the
 * command line, a 50,000-order `cli pull --no-pacing` peaked at 254 MiB
 * instead of 408 MiB, and at 5,000 orders at 237 MiB instead of 256 MiB.
 * A 40,000-order pull stored about 2,000 orders per second either way.
 * These are one or two runs each with Node 24.21 on a shared 2-core machine.
 */
import { setFlagsFromString } from 'node:v8'

let limited = false

/**
 * Keeps the young generation at its current size for the rest of the
 * process. `--max-semi-space-size` would be the usual control, but V8 reads
 * it only at start-up, and the command line and the app start in several
 * ways (npm scripts, `node` directly, Electron, the browser-mode server).
 * V8 reads the growth factor each time it would grow the young generation,
 * so setting it at run time takes effect.
 */
export function limitYoungGeneration(): void {
  if (limited) return
  limited = true
  setFlagsFromString('--semi-space-growth-factor=1')
}
