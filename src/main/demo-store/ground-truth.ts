import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ENTITIES } from '../../shared/entities.ts'
import type { StoreState } from './store-state.ts'

/**
 * Writes one `<entity>.ndjson` per entity, one record's raw JSON per line,
 * and `changes.json` with the changes made so far.
 */
export async function writeGroundTruth(
  state: StoreState,
  dir: string,
): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const definition of ENTITIES) {
    const stream = createWriteStream(join(dir, `${definition.key}.ndjson`))
    for (const { raw } of state.records(definition.key)) {
      // Sample files may be pretty-printed; NDJSON needs one line per record.
      const line = raw.includes('\n') ? JSON.stringify(JSON.parse(raw)) : raw
      if (!stream.write(`${line}\n`)) await once(stream, 'drain')
    }
    stream.end()
    await once(stream, 'finish')
  }
  await writeFile(
    join(dir, 'changes.json'),
    JSON.stringify(state.changeLog, null, 2),
  )
}
