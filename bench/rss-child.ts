/**
 * Runs a Node script in this process and prints its peak resident memory
 * on stderr when it exits, for machines without `/usr/bin/time`:
 *   node bench/rss-child.ts SCRIPT [ARGS...]
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [script, ...args] = process.argv.slice(2)
if (script === undefined) {
  process.stderr.write('Usage: node bench/rss-child.ts SCRIPT [ARGS...]\n')
  process.exit(2)
}
const path = resolve(script)
// The script finds its own path in argv[1], so its entry-point check passes.
process.argv = [process.argv[0]!, path, ...args]
process.on('exit', () => {
  process.stderr.write(
    `\nBENCH_MAX_RSS_KIB=${process.resourceUsage().maxRSS}\n`,
  )
})
await import(pathToFileURL(path).href)
