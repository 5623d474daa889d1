/**
 * Runs a whole merchant flow with a known private key and token through
 * the real handlers, with file logging on: save the store, test the
 * connection, pull and export every file format. Then runs a pull, every
 * export and the image download on the command line. Last, scans every
 * file left behind for the two secrets in any common encoding.
 *
 * Electron's safeStorage cannot run without the Electron binary, so the
 * credential store gets an AES-256-GCM cipher from Node's crypto in its
 * place. It stands in for the OS keychain only in this test.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { createHandlers } from '../../src/main/handlers/index.ts'
import { configureLogFile, log } from '../../src/main/log.ts'
import type {
  AppContext,
  SecretCipher,
} from '../../src/main/platform/context.ts'
import { runCli } from './support/cli.ts'
import { FigureLog } from './support/figures.ts'
import { listFiles, scanFiles } from './support/secret-scan.ts'

// Distinct from any generated value, so a hit can only be a leak.
const PRIVATE_KEY = 'Zq7PkeyLEAKcheck0123456789abcdXY'
const TOKEN = 'Wt9TokenLEAKcheck9876543210zyxwVU'

const figures = new FigureLog('secrets')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-secrets-'))
const userDataDir = join(workDir, 'user-data')
const cliDir = join(workDir, 'cli')
let store: DemoStore

/** AES-256-GCM with a random key held in memory: iv, tag, ciphertext. */
function nodeCipher(): SecretCipher {
  const key = randomBytes(32)
  return {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(sealed) {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        key,
        sealed.subarray(0, 12),
      )
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([
        decipher.update(sealed.subarray(28)),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}

beforeAll(async () => {
  store = await startDemoStore({
    size: 'tiny',
    seed: 61,
    credentials: { privateKey: PRIVATE_KEY, token: TOKEN },
  })
  mkdirSync(userDataDir, { recursive: true })
  mkdirSync(cliDir, { recursive: true })
})

afterAll(async () => {
  figures.write()
  await store.close()
  rmSync(workDir, { recursive: true, force: true })
})

async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  for (;;) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('secrets after a full run', () => {
  const cipher = nodeCipher()
  let credentialFile = ''

  it('runs the app flow through the handlers', async () => {
    const logFile = configureLogFile(userDataDir)
    log.transports.file.level = 'debug'
    const events: Array<{ event: string; payload: unknown }> = []
    const context: AppContext = {
      appName: '3dcart Migration Wizard',
      version: '0.0.0-test',
      transport: 'bridge',
      userDataDir,
      emit: (event, payload) => events.push({ event, payload }),
      cipher,
      openExternal: async () => {},
      openPath: async () => {},
      apiBaseUrl: store.baseUrl,
    }
    const { handlers, services } = createHandlers(context)
    try {
      // Pasted with quotes and a line break, as merchants do.
      const saved = await handlers.saveStore({
        secureUrl: store.secureUrl,
        privateKey: `"${PRIVATE_KEY}"`,
        token: `${TOKEN}\n`,
        label: 'Leak check',
      })
      const storeId = saved.id
      const connection = await handlers.testStoreConnection({ storeId })
      expect(connection.ok).toBe(true)

      await handlers.startPull({
        storeId,
        entities: ['store_settings', 'products', 'customers', 'orders'],
        storeSensitive: false,
      })
      const status = await waitFor(
        () => handlers.getPullStatus({ storeId }),
        (s) =>
          s !== null && ['completed', 'failed', 'cancelled'].includes(s.state),
      )
      expect(status?.state).toBe('completed')

      const outDir = join(workDir, 'app-export')
      const { jobId } = await handlers.startExport({
        storeId,
        // Images download at 4 a second here, so the command line below
        // downloads them instead, faster.
        formats: ['csv', 'xlsx', 'ndjson', 'sqlite', 'shopify', 'woocommerce'],
        outDir,
      })
      const finished = await waitFor(
        () =>
          events.find(
            (e) =>
              e.event === 'exportFinished' &&
              (e.payload as { jobId: string }).jobId === jobId,
          ),
        (e) => e !== undefined,
      )
      const result = finished!.payload as { ok: boolean; files: unknown[] }
      expect(result.ok).toBe(true)
      expect(result.files.length).toBeGreaterThan(10)
      // Something was logged, so the scan of the log file means something.
      expect(readFileSync(logFile, 'utf8').length).toBeGreaterThan(100)
      writeFileSync(join(workDir, 'events.json'), JSON.stringify(events))
      credentialFile = join(userDataDir, 'credentials', `${storeId}.bin`)
    } finally {
      await services.dispose()
      log.transports.file.level = false
    }
  })

  it('stores the credentials encrypted', () => {
    const sealed = readFileSync(credentialFile)
    const scan = scanFiles([credentialFile], [PRIVATE_KEY, TOKEN])
    expect(scan.hits).toEqual([])
    // The file really contains them, because the cipher opens it.
    const opened = JSON.parse(cipher.decryptString(sealed)) as Record<
      string,
      string
    >
    expect(opened['privateKey']).toBe(PRIVATE_KEY)
    expect(opened['token']).toBe(TOKEN)
  })

  it('runs a pull and every export on the command line', async () => {
    const env = {
      THREEDCART_API_BASE_URL: store.baseUrl,
      THREEDCART_SECURE_URL: store.secureUrl,
      THREEDCART_PRIVATE_KEY: PRIVATE_KEY,
      THREEDCART_TOKEN: TOKEN,
      WIZARD_LOG_LEVEL: 'debug',
    }
    const db = join(cliDir, 'store.db')
    const runs = [
      await runCli(['pull', '--db', db, '--no-pacing', '--json'], env),
      await runCli(
        [
          'export',
          '--db',
          db,
          '--format',
          'all',
          '--out',
          join(cliDir, 'export'),
        ],
        env,
      ),
      await runCli(
        [
          'export',
          '--db',
          db,
          '--format',
          'images',
          '--out',
          join(cliDir, 'export'),
          '--rate',
          '50',
          '--base-url',
          store.secureUrl,
        ],
        env,
      ),
    ]
    runs.forEach((run, index) => {
      expect(run.code, run.stderr).toBe(0)
      // The terminal output is scanned with the files.
      writeFileSync(join(cliDir, `run-${index}.out`), run.stdout + run.stderr)
    })
  })

  it('finds neither secret in any file', () => {
    const files = listFiles(workDir)
    const scan = scanFiles(files, [PRIVATE_KEY, TOKEN])
    expect(scan.hits).toEqual([])
    expect(files.length).toBeGreaterThan(50)
    figures.add('full run', {
      filesScanned: files.length,
      bytesScanned: scan.bytes,
      secretsFound: scan.hits.length,
    })
  })

  it('scanner finds a planted secret in every form', () => {
    const planted = join(workDir, 'planted')
    mkdirSync(planted)
    const forms: Array<[string, string]> = [
      ['plain', `x${TOKEN}y`],
      ['url-encoded', encodeURIComponent(`token=${TOKEN}`)],
      ['hex', Buffer.from(TOKEN).toString('hex').toUpperCase()],
    ]
    for (let shift = 0; shift < 3; shift++) {
      const blob = Buffer.concat([
        randomBytes(shift + 3),
        Buffer.from(TOKEN),
        randomBytes(5),
      ])
      forms.push([`base64+${shift}`, blob.toString('base64')])
    }
    forms.forEach(([name, text]) => writeFileSync(join(planted, name), text))
    writeFileSync(join(planted, 'utf-16'), Buffer.from(TOKEN, 'utf16le'))
    const files = listFiles(planted)
    const scan = scanFiles(files, [TOKEN])
    const found = new Set(scan.hits.map((hit) => hit.file))
    expect(files.filter((file) => !found.has(file))).toEqual([])
    expect(files.length).toBe(forms.length + 1)
    rmSync(planted, { recursive: true })
  })
})
