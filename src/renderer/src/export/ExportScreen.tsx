/**
 * The export step: choose formats and the folder, check the fit for
 * Shopify or WooCommerce, then export with progress, cancel and "Open
 * folder". Exports run in the main process, and this screen only sends the request.
 */
import { useEffect, useState } from 'react'
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { ExportFormatName } from '../../../shared/ipc/channels/export.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from '../review/api.ts'
import { useLoad } from '../review/useLoad.ts'
import { useNavigation } from '../state/navigation.ts'
import { FitReportPanel } from './FitReportPanel.tsx'
import { FORMAT_CHOICES, PLATFORM_FORMATS } from './formats.ts'
import { FinishedPanel, RunningPanel } from './JobPanel.tsx'
import { useExportJob } from './useExportJob.ts'
import { ALERT_STYLES } from './styles.ts'

type WeightUnit = 'lb' | 'kg' | 'oz' | 'g'

/**
 * Mantine's grey descriptions fall below a 4.5:1 contrast ratio, so the
 * descriptions here use the normal text colour.
 */
const READABLE = { description: { color: 'var(--mantine-color-text)' } }

function StorePicker({ storeId }: { storeId: string | null }) {
  const selectStore = useNavigation((s) => s.selectStore)
  const { value: stores } = useLoad('export-stores', () =>
    unwrap(getApi().listReviewStores({})).catch(() => []),
  )
  useEffect(() => {
    if (storeId === null && stores?.[0]) selectStore(stores[0].storeId)
  }, [storeId, stores, selectStore])
  if (stores === null) return <Loader size="xs" aria-label="Loading stores" />
  const data = stores.map((s) => s.storeId)
  if (storeId !== null && !data.includes(storeId)) data.unshift(storeId)
  return (
    <Select
      label="Store"
      w={220}
      data={data}
      value={storeId}
      onChange={(value) => value && selectStore(value)}
      allowDeselect={false}
      placeholder={data.length === 0 ? 'No archive yet' : 'Choose a store'}
    />
  )
}

function FolderField({
  value,
  onChange,
  canChoose,
}: {
  value: string
  onChange(path: string): void
  canChoose: boolean
}) {
  const choose = async () => {
    const result = await getApi().chooseExportFolder({ defaultPath: value })
    if (result.ok && result.value.path !== null) onChange(result.value.path)
  }
  return (
    <Group align="end" wrap="nowrap">
      <TextInput
        styles={READABLE}
        label="Export folder"
        description="Files are written here; existing files with the same names are replaced."
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        style={{ flex: 1 }}
      />
      {canChoose && (
        <Button variant="default" onClick={() => void choose()}>
          Choose…
        </Button>
      )}
    </Group>
  )
}

function StoreExport({ storeId }: { storeId: string }) {
  const { value: defaults, error } = useLoad(storeId, () =>
    unwrap(getApi().getExportDefaults({ storeId })),
  )
  const [formats, setFormats] = useState<ExportFormatName[]>(['xlsx', 'csv'])
  const [outDir, setOutDir] = useState<string | null>(null)
  const [weightUnit, setWeightUnit] = useState<WeightUnit>('lb')
  const job = useExportJob()

  if (error) {
    return (
      <Alert
        styles={ALERT_STYLES}
        color="red"
        title="The archive could not be opened"
      >
        {error}
      </Alert>
    )
  }
  if (defaults === null) return <Loader aria-label="Opening the archive" />
  const folder = outDir ?? defaults.outDir
  const platforms = PLATFORM_FORMATS.filter((p) => formats.includes(p))
  const start = () =>
    void job.start({ storeId, formats, outDir: folder, weightUnit })

  return (
    <Stack gap="md" maw={900}>
      <Checkbox.Group
        styles={READABLE}
        label="Formats"
        description="Choose one or more."
        value={formats}
        onChange={(value) => setFormats(value as ExportFormatName[])}
      >
        <Stack gap="xs" mt="xs">
          {FORMAT_CHOICES.map((choice) => (
            <Checkbox
              styles={READABLE}
              key={choice.value}
              value={choice.value}
              label={choice.label}
              description={choice.description}
              disabled={job.running}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      {formats.includes('images') && defaults.storeUrl === null && (
        <Alert styles={ALERT_STYLES} color="yellow" title="No store address">
          The archive has no store address, so images cannot be downloaded.
        </Alert>
      )}
      {platforms.length > 0 && (
        <Select
          styles={READABLE}
          label="Weight unit of the store"
          description="3dcart does not report it; most stores use pounds."
          w={260}
          data={[
            { value: 'lb', label: 'Pounds (lb)' },
            { value: 'kg', label: 'Kilograms (kg)' },
            { value: 'oz', label: 'Ounces (oz)' },
            { value: 'g', label: 'Grams (g)' },
          ]}
          value={weightUnit}
          onChange={(value) => value && setWeightUnit(value as WeightUnit)}
          allowDeselect={false}
        />
      )}
      {platforms.map((platform) => (
        <FitReportPanel key={platform} storeId={storeId} platform={platform} />
      ))}
      <FolderField
        value={folder}
        onChange={setOutDir}
        canChoose={defaults.canChooseFolder}
      />
      {!job.running && (
        <Group>
          <Button
            onClick={start}
            disabled={formats.length === 0 || folder.trim() === ''}
          >
            Export
          </Button>
          {formats.length === 0 && (
            <Text size="sm">Choose at least one format.</Text>
          )}
        </Group>
      )}
      {job.startError !== null && (
        <Alert
          styles={ALERT_STYLES}
          color="red"
          title="The export did not start"
          role="alert"
        >
          {job.startError}
        </Alert>
      )}
      {job.running && (
        <RunningPanel
          progress={job.progress}
          onCancel={() => void job.cancel()}
        />
      )}
      {job.finished !== null && <FinishedPanel finished={job.finished} />}
    </Stack>
  )
}

export function ExportScreen() {
  const storeId = useNavigation((s) => s.storeId)
  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <Title order={1}>Export</Title>
        <StorePicker storeId={storeId} />
      </Group>
      <Text size="sm">
        Files to open in Excel, to import into your new platform, and to keep
        after the old store is closed. Passwords and card data are never
        exported.
      </Text>
      {storeId === null ? (
        <Text>Pull a store first; its archive then appears here.</Text>
      ) : (
        <StoreExport key={storeId} storeId={storeId} />
      )}
    </Stack>
  )
}
