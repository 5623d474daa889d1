/**
 * The app's version, from package.json. The CLI reads package.json as a
 * JSON module under plain Node. electron-vite bundles it into the main
 * process build, where it equals Electron's `app.getVersion()`, which reads
 * the same file.
 */
import packageJson from '../../package.json' with { type: 'json' }

export const APP_VERSION: string = packageJson.version
