/** A CSV file of an import format, with progress, cancel and bookkeeping. */
import { throwIfCancelled } from '../errors.ts'
import type { FileSink } from '../output.ts'
import type { ExportFormat, FormatContext } from '../types.ts'

export class PlatformWriter {
  private readonly context: FormatContext
  private readonly format: ExportFormat
  private readonly name: string
  private readonly sink: FileSink
  private readonly total: number | null
  private records = 0

  private constructor(
    context: FormatContext,
    format: ExportFormat,
    name: string,
    sink: FileSink,
    total: number | null,
  ) {
    this.context = context
    this.format = format
    this.name = name
    this.sink = sink
    this.total = total
  }

  static async open(
    context: FormatContext,
    format: ExportFormat,
    name: string,
    total: number | null = null,
  ): Promise<PlatformWriter> {
    const sink = await context.folder.create(name)
    context.report({ format, step: name, done: 0, total })
    // Both importers read UTF-8; the byte order mark also lets Excel show
    // the files correctly when a merchant opens one to check it.
    await sink.write('\uFEFF')
    return new PlatformWriter(context, format, name, sink, total)
  }

  /** Writes text; `record` counts it as one record of the source. */
  async line(text: string, record = false): Promise<void> {
    if (record) this.records++
    const flushing = this.sink.write(text)
    if (flushing !== undefined) {
      await flushing
      throwIfCancelled(this.context.signal)
      this.report()
    }
  }

  async finish(): Promise<void> {
    throwIfCancelled(this.context.signal)
    await this.sink.finish()
    this.report()
    this.context.written.push({
      format: this.format,
      file: this.name,
      rows: this.records,
      bytes: this.sink.bytes,
    })
  }

  private report(): void {
    this.context.report({
      format: this.format,
      step: this.name,
      done: this.records,
      total: this.total,
    })
  }
}
