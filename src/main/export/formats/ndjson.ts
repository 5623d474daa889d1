/**
 * `ndjson`: the raw JSON of every record as the store sent it, one record
 * per line and one file per entity. Child lists stay inside their parent.
 * Only sensitive keys are removed.
 */
import { throwIfCancelled } from '../errors.ts'
import { stripSensitiveJson } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'
import { parseKeepingNumbers } from '../../archive/json-source.ts'

/**
 * Re-serialises JSON that was stored pretty-printed. Line breaks inside JSON
 * strings are always escaped, so a raw CR or LF can only be white space.
 */
function oneLine(json: string): string {
  if (!json.includes('\n') && !json.includes('\r')) return json
  return JSON.stringify(parseKeepingNumbers(json))
}

export async function writeNdjson(context: FormatContext): Promise<void> {
  for (const entity of context.entities) {
    throwIfCancelled(context.signal)
    const name = `ndjson/${entity.key}.ndjson`
    const total = context.source.count(entity.key)
    const sink = await context.folder.create(name)
    context.report({ format: 'ndjson', step: name, done: 0, total })
    let rows = 0
    let stripped = 0
    for (const [, raw] of context.source.iterateRaw(entity.key)) {
      const { text, removed } = stripSensitiveJson(raw)
      stripped += removed
      rows++
      const flushing = sink.write(oneLine(text) + '\n')
      if (flushing !== undefined) {
        await flushing
        throwIfCancelled(context.signal)
        context.report({ format: 'ndjson', step: name, done: rows, total })
      }
    }
    throwIfCancelled(context.signal)
    await sink.finish()
    if (stripped > 0) {
      context.leftOut.add(
        `ndjson/${entity.key}: ${stripped} sensitive field value(s) removed`,
      )
    }
    context.written.push({
      format: 'ndjson',
      file: name,
      table: entity.key,
      rows,
      bytes: sink.bytes,
    })
  }
}
