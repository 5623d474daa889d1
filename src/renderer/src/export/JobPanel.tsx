/** Progress of the running export with cancel, then its outcome. */
import {
  Alert,
  Button,
  Group,
  List,
  Progress,
  Stack,
  Text,
} from '@mantine/core'
import { OpenFolderButton } from './OpenFolderButton.tsx'
import type {
  ExportFinishedEvent,
  ExportProgressEvent,
} from './useExportJob.ts'
import { ALERT_STYLES } from './styles.ts'

function percent(progress: ExportProgressEvent): number | null {
  if (progress.total === null || progress.total === 0) return null
  return Math.min(100, Math.round((progress.done / progress.total) * 100))
}

export function RunningPanel({
  progress,
  onCancel,
}: {
  progress: ExportProgressEvent | null
  onCancel(): void
}) {
  const value = progress === null ? null : percent(progress)
  const label =
    progress === null
      ? 'Starting the export…'
      : `${progress.step}: ${progress.done.toLocaleString()}${
          progress.total === null
            ? ''
            : ` of ${progress.total.toLocaleString()}`
        }`
  return (
    <Stack gap="xs">
      <Text size="sm" aria-live="polite">
        {label}
      </Text>
      <Progress
        value={value ?? 100}
        animated={value === null}
        aria-label="Export progress"
      />
      <Group>
        <Button variant="default" onClick={onCancel}>
          Cancel export
        </Button>
      </Group>
    </Stack>
  )
}

export function FinishedPanel({ finished }: { finished: ExportFinishedEvent }) {
  if (!finished.ok) {
    const cancelled = finished.error?.code === 'EXPORT_CANCELLED'
    return (
      <Alert
        styles={ALERT_STYLES}
        color={cancelled ? 'yellow' : 'red'}
        title={cancelled ? 'Export cancelled' : 'The export failed'}
        role="alert"
      >
        {finished.error?.message}
      </Alert>
    )
  }
  const files = finished.files.filter(
    (f) => f.table === undefined || !f.file.includes('(sheet'),
  )
  return (
    <Alert styles={ALERT_STYLES} color="green" title="Export finished">
      <Stack gap="xs">
        <Text size="sm">
          {files.length} files were written to {finished.outDir}.
        </Text>
        <OpenFolderButton folder={finished.outDir} />
        <Text size="sm" fw={500}>
          Left out on purpose
        </Text>
        <List size="sm">
          {finished.leftOut.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        {finished.notes.length > 0 && (
          <>
            <Text size="sm" fw={500}>
              Good to know
            </Text>
            <List size="sm">
              {finished.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  )
}
