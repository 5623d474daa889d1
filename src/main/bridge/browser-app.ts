/**
 * Runs the app in a browser: the real handlers behind the loopback bridge,
 * serving the built renderer. Used by `npm start` where no Electron binary
 * exists, by development, and by the end-to-end tests.
 *
 *   node src/main/bridge/browser-app.ts [--port N] [--user-data DIR]
 *        [--static DIR] [--open]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createHandlers, type Services } from '../handlers/index.ts'
import { configureLogFile, log } from '../log.ts'
import { NO_ENCRYPTION, type AppContext } from '../platform/context.ts'
import { startBridge, type Bridge } from './server.ts'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export interface BrowserApp {
  bridge: Bridge
  services: Services
  userDataDir: string
  close(): Promise<void>
}

export async function startBrowserApp(options: {
  userDataDir: string
  staticDir?: string
  port?: number
  /** API base URL for saved stores, such as a test's demo store. */
  apiBaseUrl?: string
  /** Delay in milliseconds the built-in demo store adds to each response. */
  demoLatencyMs?: number
}): Promise<BrowserApp> {
  mkdirSync(options.userDataDir, { recursive: true })
  // The handlers need `emit` before the bridge that delivers events exists.
  const holder: { bridge?: Bridge } = {}
  const context: AppContext = {
    appName: '3dcart Migration Wizard',
    version: process.env['npm_package_version'] ?? '0.0.0',
    transport: 'bridge',
    userDataDir: options.userDataDir,
    emit: (event, payload) => holder.bridge?.emit(event, payload),
    cipher: NO_ENCRYPTION,
    openExternal: async (url) => {
      log.info('browser-app: open this page in your browser', { url })
    },
    openPath: async (path) => {
      log.info('browser-app: files are in', { path })
    },
    ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
    ...(options.demoLatencyMs ? { demoLatencyMs: options.demoLatencyMs } : {}),
  }
  const { handlers, services } = createHandlers(context)
  const bridgeOptions = {
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  }
  const started = await startBridge(handlers, bridgeOptions)
  holder.bridge = started
  return {
    bridge: started,
    services,
    userDataDir: options.userDataDir,
    close: async () => {
      await services.dispose()
      await started.close()
    },
  }
}

function openChromium(url: string, profileDir: string): void {
  const browser = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(
    (candidate) => existsSync(candidate),
  )
  if (!browser) return
  const child = spawn(
    browser,
    [
      `--app=${url}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1200,800',
    ],
    { stdio: 'ignore', detached: true },
  )
  child.unref()
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'user-data': {
        type: 'string',
        default: join(homedir(), '.3dcart-migration-wizard'),
      },
      static: { type: 'string', default: join(repoRoot, 'out/renderer') },
      open: { type: 'boolean', default: false },
    },
  })
  const userDataDir = resolve(values['user-data'])
  const staticDir = resolve(values.static)
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(
      `No built renderer in ${staticDir}. Run "npm run build" first.\n`,
    )
    process.exitCode = 1
    return
  }
  configureLogFile(userDataDir)
  const app = await startBrowserApp({
    userDataDir,
    staticDir,
    port: Number(values.port),
  })
  process.stdout.write(
    `${JSON.stringify({ url: app.bridge.appUrl, userDataDir })}\n`,
  )
  if (values.open) openChromium(app.bridge.appUrl, join(userDataDir, 'browser'))
  const stop = () => {
    void app.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main()
}
