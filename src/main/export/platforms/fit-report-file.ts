/** Writes a fit report as CSV next to the import files. */
import { BOM, csvLine } from '../csv.ts'
import type { FormatContext } from '../types.ts'
import type { FitReport, Platform } from './fit-report.ts'

export async function writeFitReport(
  context: FormatContext,
  platform: Platform,
  report: FitReport,
): Promise<void> {
  const name = `${platform}/fit-report.csv`
  const sink = await context.folder.create(name)
  await sink.write(
    BOM +
      csvLine(['severity', 'rule', 'entity', 'record_id', 'name', 'detail']),
  )
  for (const issue of report.issues) {
    await sink.write(
      csvLine([
        issue.severity,
        issue.rule,
        issue.entity,
        issue.recordId,
        issue.name,
        issue.detail,
      ]),
    )
  }
  if (report.truncated > 0) {
    await sink.write(
      csvLine([
        'warning',
        'truncated',
        '',
        '',
        '',
        `${report.truncated} more issues are counted in the summary but not listed.`,
      ]),
    )
  }
  await sink.finish()
  context.written.push({
    format: platform,
    file: name,
    rows: report.issues.length,
    bytes: sink.bytes,
  })
}
