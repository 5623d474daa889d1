/**
 * Export buttons for the review grid: writes only the rows that the
 * grid's filters and search select, as CSV or Excel, into
 * `<export folder>/views/<entity>`.
 */
import { Anchor, Button, Group, Text } from '@mantine/core'
import type { ReviewFilter } from '../../../shared/review-query.ts'
import { getApi } from '../../api/index.ts'
import { OpenFolderButton } from './OpenFolderButton.tsx'
import { useExportJob } from './useExportJob.ts'

export interface ExportViewButtonProps {
  storeId: string
  view: { entity: string; filters: ReviewFilter[]; search: string }
}

function separator(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/'
}

export function ExportViewButton({ storeId, view }: ExportViewButtonProps) {
  const job = useExportJob()

  const start = async (format: 'csv' | 'xlsx') => {
    const defaults = await getApi().getExportDefaults({ storeId })
    if (!defaults.ok) return
    const base = defaults.value.outDir
    const sep = separator(base)
    const outDir = [base, 'views', view.entity].join(sep)
    await job.start({ storeId, formats: [format], outDir, view })
  }

  const progress = job.progress
  return (
    <Group gap="xs" align="flex-end">
      <Button
        variant="default"
        size="xs"
        disabled={job.running}
        onClick={() => void start('xlsx')}
      >
        Export view to Excel
      </Button>
      <Button
        variant="default"
        size="xs"
        disabled={job.running}
        onClick={() => void start('csv')}
      >
        Export view to CSV
      </Button>
      <Text size="xs" aria-live="polite">
        {job.running &&
          `Exporting… ${progress ? progress.done.toLocaleString() : ''}`}
        {job.startError}
        {job.finished !== null &&
          !job.finished.ok &&
          job.finished.error?.message}
      </Text>
      {job.running && (
        <Anchor component="button" size="xs" onClick={() => void job.cancel()}>
          Cancel
        </Anchor>
      )}
      {job.finished?.ok && (
        <OpenFolderButton
          folder={job.finished.outDir}
          compact
          label="Saved. Open folder"
        />
      )}
    </Group>
  )
}
