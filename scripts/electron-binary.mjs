// Finds the Electron binary that `npm install` downloaded, without loading
// the `electron` package: since Electron 45, requiring it when the binary is
// missing starts a download from the internet.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../node_modules/electron',
)

/** Returns the binary's path, or null where none is installed. */
export function electronBinary() {
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
