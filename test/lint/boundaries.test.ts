import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const repoRoot = join(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: repoRoot })

async function restrictedImportErrors(code: string, file: string) {
  const [result] = await eslint.lintText(code, {
    filePath: join(repoRoot, file),
  })
  return (result?.messages ?? []).filter(
    (message) => message.ruleId === 'no-restricted-imports',
  )
}

describe('lint boundaries', () => {
  it('rejects a renderer import from src/main', async () => {
    const errors = await restrictedImportErrors(
      "import { log } from '../../main/log.ts'\nexport const x = log\n",
      'src/renderer/src/probe.tsx',
    )
    expect(errors).toHaveLength(1)
  })

  it('rejects a renderer import of electron', async () => {
    const errors = await restrictedImportErrors(
      "import { shell } from 'electron'\nexport const x = shell\n",
      'src/renderer/src/probe.tsx',
    )
    expect(errors).toHaveLength(1)
  })

  it('rejects a renderer import of a Node module', async () => {
    const errors = await restrictedImportErrors(
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
      'src/renderer/src/probe.tsx',
    )
    expect(errors).toHaveLength(1)
  })

  it('rejects shared code that imports from main or Node', async () => {
    const fromMain = await restrictedImportErrors(
      "import { log } from '../main/log.ts'\nexport const x = log\n",
      'src/shared/probe.ts',
    )
    expect(fromMain).toHaveLength(1)
    const fromNode = await restrictedImportErrors(
      "import { join } from 'node:path'\nexport const x = join\n",
      'src/shared/probe.ts',
    )
    expect(fromNode).toHaveLength(1)
  })

  it('keeps ipcMain inside the IPC glue', async () => {
    const code =
      "import { ipcMain } from 'electron'\nexport const x = ipcMain\n"
    expect(
      await restrictedImportErrors(code, 'src/main/handlers/probe.ts'),
    ).toHaveLength(1)
    expect(
      await restrictedImportErrors(code, 'src/main/electron/ipc.ts'),
    ).toHaveLength(0)
  })

  it('accepts a renderer import of the shared contract', async () => {
    const errors = await restrictedImportErrors(
      "import { CHANNEL_NAMES } from '../../shared/ipc/contract.ts'\nexport const x = CHANNEL_NAMES\n",
      'src/renderer/src/probe.tsx',
    )
    expect(errors).toHaveLength(0)
  })
})
