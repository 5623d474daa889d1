// `npm start`: opens the app. With an Electron binary installed (a machine
// with internet, `WIZARD_FETCH_ELECTRON=1 npm ci`), the desktop app starts.
// Without one, the same renderer and handlers run in browser mode: Chromium
// opens the app in its own window, served by the loopback bridge.
// The first screen offers "Try with the demo store", which needs no account.
import { spawnSync, spawn } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const electron = electronBinary()
const child = electron
  ? spawn(electron, ['.'], { stdio: 'inherit' })
  : spawn(
      process.execPath,
      ['src/main/bridge/browser-app.ts', '--open', ...process.argv.slice(2)],
      { stdio: 'inherit' },
    )
if (!electron) {
  console.log(
    'No Electron binary here: running in browser mode. Open the printed URL',
  )
  console.log('if no window appears. Press Ctrl+C to stop.')
}
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
