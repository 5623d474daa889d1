/**
 * Writes export files atomically: each file is written as `<name>.partial`
 * in the output folder and renamed to its final name only once complete, so
 * a failed or cancelled export leaves no half-written file under a real name.
 */
import {
  mkdir,
  open,
  rename,
  rm,
  stat,
  type FileHandle,
} from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { notAFolderError, toExportError, unwritableError } from './errors.ts'

const PARTIAL_SUFFIX = '.partial'
/** Bytes of each of the two write buffers of a file. */
const FLUSH_BYTES = 256 << 10
/** Fill level that starts a write call, so syscalls stay few. */
const FLUSH_AT = FLUSH_BYTES - (16 << 10)

export class OutputFolder {
  readonly dir: string
  private readonly sinks = new Set<Discardable>()

  private constructor(dir: string) {
    this.dir = dir
  }

  /** Creates the folder if needed and checks that files can be written there. */
  static async prepare(dir: string): Promise<OutputFolder> {
    const folder = new OutputFolder(resolve(dir))
    const existing = await stat(folder.dir).catch(() => undefined)
    if (existing !== undefined && !existing.isDirectory()) {
      throw notAFolderError(folder.dir)
    }
    try {
      await mkdir(folder.dir, { recursive: true })
      // One fixed name, so a probe left by an export killed at this point
      // is removed by the next export's probe.
      const probe = join(folder.dir, `.write-check${PARTIAL_SUFFIX}`)
      const handle = await open(probe, 'w')
      await handle.close()
      await rm(probe, { force: true })
    } catch (error) {
      throw toExportError(folder.dir, error)
    }
    return folder
  }

  /** Full path of a file inside the folder; rejects names that leave it. */
  pathOf(name: string): string {
    const full = resolve(this.dir, name)
    const rel = relative(this.dir, full)
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) {
      throw unwritableError(this.dir)
    }
    return full
  }

  /** Opens `<name>.partial` for writing; `finish()` renames it to `name`. */
  async create(name: string): Promise<FileSink> {
    const target = this.pathOf(name)
    try {
      await mkdir(dirname(target), { recursive: true })
      const handle = await open(target + PARTIAL_SUFFIX, 'w')
      const sink = new FileSink(this, handle, target)
      this.sinks.add(sink)
      return sink
    } catch (error) {
      throw toExportError(this.dir, error)
    }
  }

  /** Deletes every partial file still open; called when an export fails. */
  async discardOpen(): Promise<void> {
    const sinks = [...this.sinks]
    this.sinks.clear()
    await Promise.all(sinks.map((sink) => sink.discard()))
  }

  /**
   * Reserves `<name>.partial` for a writer that opens the file itself
   * (exceljs, SQLite); `commit()` renames it to `name`.
   */
  async reserve(name: string): Promise<ReservedFile> {
    const target = this.pathOf(name)
    const reserved = new ReservedFile(this, target)
    try {
      await mkdir(dirname(target), { recursive: true })
      // A killed export leaves its partial file behind, and SQLite's
      // VACUUM INTO refuses to write over an existing file.
      await rm(reserved.partialPath, { force: true })
    } catch (error) {
      throw toExportError(this.dir, error)
    }
    this.sinks.add(reserved)
    return reserved
  }

  /** @internal */
  forget(sink: Discardable): void {
    this.sinks.delete(sink)
  }
}

interface Discardable {
  discard(): Promise<void>
}

export class ReservedFile implements Discardable {
  readonly path: string
  readonly partialPath: string
  private readonly folder: OutputFolder

  constructor(folder: OutputFolder, path: string) {
    this.folder = folder
    this.path = path
    this.partialPath = path + PARTIAL_SUFFIX
  }

  async commit(): Promise<string> {
    try {
      await rename(this.partialPath, this.path)
    } catch (error) {
      throw toExportError(this.folder.dir, error)
    }
    this.folder.forget(this)
    return this.path
  }

  async discard(): Promise<void> {
    this.folder.forget(this)
    await rm(this.partialPath, { force: true })
  }
}

export class FileSink implements Discardable {
  readonly path: string
  private readonly folder: OutputFolder
  private readonly handle: FileHandle
  /** Encoded bytes not yet written, in `buffer[0, used)`. */
  private buffer: Buffer = Buffer.allocUnsafe(FLUSH_BYTES)
  private used = 0
  /** The buffer that the file write in flight reads from, made on first use. */
  private spare: Buffer | undefined
  private inFlight: Promise<void> = Promise.resolve()
  private closed = false
  bytes = 0

  constructor(folder: OutputFolder, handle: FileHandle, path: string) {
    this.folder = folder
    this.handle = handle
    this.path = path
  }

  /**
   * Encodes text as UTF-8 into the buffer. Returns a promise that resolves
   * after a flush when the buffer is full, and undefined otherwise. The
   * caller awaits that promise before it writes again, which keeps the
   * bytes in order.
   */
  write(text: string): Promise<void> | undefined {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (text.length * 3 > this.buffer.length - this.used) {
      return this.writeAfterFlush(text)
    }
    this.used += this.buffer.write(text, this.used)
    return this.used >= FLUSH_AT ? this.flush() : undefined
  }

  private async writeAfterFlush(text: string): Promise<void> {
    await this.flush()
    if (text.length * 3 > this.buffer.length) {
      await this.writeAll(Buffer.from(text, 'utf8'))
      return
    }
    this.used = this.buffer.write(text, 0)
  }

  async writeBuffer(data: Uint8Array): Promise<void> {
    await this.flush()
    await this.writeAll(data)
  }

  async flush(): Promise<void> {
    // The two buffers take turns, so flushes reuse memory and the buffer
    // being written is never filled again until its write is done.
    await this.inFlight
    if (this.used === 0) return
    const full = this.buffer.subarray(0, this.used)
    const empty = this.spare ?? Buffer.allocUnsafe(FLUSH_BYTES)
    this.spare = this.buffer
    this.buffer = empty
    this.used = 0
    this.inFlight = this.writeAll(full)
    await this.inFlight
  }

  /** Writes every byte: a write near a size limit can be short. */
  private async writeAll(data: Uint8Array): Promise<void> {
    let offset = 0
    while (offset < data.byteLength) {
      const { bytesWritten } = await this.guard(() =>
        this.handle.write(data, offset, data.byteLength - offset),
      )
      offset += bytesWritten
    }
    this.bytes += data.byteLength
  }

  /** Flushes, syncs and renames the file to its final name. */
  async finish(): Promise<string> {
    await this.flush()
    await this.guard(async () => {
      await this.handle.sync()
      await this.handle.close()
      this.closed = true
      await rename(this.path + PARTIAL_SUFFIX, this.path)
    })
    this.folder.forget(this)
    return this.path
  }

  async discard(): Promise<void> {
    this.folder.forget(this)
    if (!this.closed) {
      this.closed = true
      await this.handle.close().catch(() => undefined)
    }
    await rm(this.path + PARTIAL_SUFFIX, { force: true })
  }

  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action()
    } catch (error) {
      throw toExportError(this.folder.dir, error)
    }
  }
}
