/**
 * The selected record: its fields, nested records (items, shipments,
 * variants, images…), links to related records and the raw JSON on demand.
 */
import { useState } from 'react'
import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Image,
  Loader,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import type {
  DetailSection,
  ProductImage,
  RecordDetail,
  RecordLink,
} from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { copyText, formatCell, formatSectionCell } from './format.ts'
import { useReview, type OpenRecord } from './state.ts'
import { useLoad } from './useLoad.ts'

function LinkButton({ link, text }: { link: RecordLink; text?: string }) {
  const openRecord = useReview((s) => s.openRecord)
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      onClick={() =>
        openRecord({ entity: link.entity, id: link.id }, { follow: true })
      }
    >
      {text ?? link.title}
    </Anchor>
  )
}

function sectionCount(section: DetailSection): string {
  if (section.total === undefined) return String(section.rows.length)
  return `newest ${section.rows.length} of ${section.total}`
}

function SectionTable({ section }: { section: DetailSection }) {
  const display = useReview((s) => s.display)
  if (section.rows.length === 0) {
    return <Text size="sm">None</Text>
  }
  const columns = section.columns.filter((column) =>
    section.rows.some(
      (row) => row.cells[column.name] !== null && row.cells[column.name] !== '',
    ),
  )
  return (
    // A focusable region, so keyboard users can scroll wide tables.
    <div
      role="region"
      aria-label={`${section.label} table`}
      tabIndex={0}
      style={{ overflowX: 'auto' }}
    >
      <Table fz="xs" withTableBorder striped aria-label={section.label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.name}>{column.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {section.rows.map((row, index) => (
            <Table.Tr key={index}>
              {columns.map((column, columnIndex) => {
                const value = row.cells[column.name] ?? null
                const text = formatSectionCell(column.name, value, display)
                // The first cell of a row that points to another record
                // opens it.
                return (
                  <Table.Td
                    key={column.name}
                    title={value === null ? undefined : String(value)}
                  >
                    {row.link && columnIndex === 0 ? (
                      <LinkButton
                        link={row.link}
                        text={text || row.link.title}
                      />
                    ) : (
                      text
                    )}
                  </Table.Td>
                )
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  )
}

function Images({
  storeId,
  productId,
}: {
  storeId: string
  productId: number
}) {
  const { value: images } = useLoad<ProductImage[]>(
    `${storeId}#${productId}`,
    () =>
      unwrap(getApi().getProductImages({ storeId, productId })).catch(() => []),
  )
  if (images === null) return <Loader size="xs" />
  if (images.length === 0) return <Text size="sm">No images</Text>
  return (
    <SimpleGrid cols={3} spacing="xs">
      {images.map((image) => (
        <Stack key={image.file} gap={2}>
          {image.dataUrl ? (
            <Image
              src={image.dataUrl}
              alt={image.caption ?? image.file}
              h={80}
              fit="contain"
            />
          ) : (
            <Text size="xs">Not downloaded</Text>
          )}
          <Text size="xs" style={{ wordBreak: 'break-all' }}>
            {image.file}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  )
}

function RawJson({
  storeId,
  entity,
  id,
}: {
  storeId: string
  entity: string
  id: string | number
}) {
  const { value: raw, error } = useLoad<string>(
    `${storeId}#${entity}#${id}`,
    () =>
      unwrap(getApi().getRawRecord({ storeId, entity, id })).then((value) => {
        try {
          return JSON.stringify(JSON.parse(value.raw), null, 2)
        } catch {
          return value.raw
        }
      }),
  )
  if (error) return <Alert color="red">{error}</Alert>
  if (raw === null) return <Loader size="xs" />
  return (
    <Code
      block
      fz="xs"
      aria-label="Raw JSON"
      style={{ maxHeight: 320, overflow: 'auto' }}
    >
      {raw}
    </Code>
  )
}

function Fields({ detail }: { detail: RecordDetail }) {
  const display = useReview((s) => s.display)
  const filled = detail.fields.filter((f) => f.value !== null && f.value !== '')
  return (
    <Table fz="xs" withRowBorders={false} aria-label="Fields">
      <Table.Tbody>
        {filled.map((field) => (
          <Table.Tr key={field.name}>
            <Table.Th w="40%" fw={500}>
              {field.label}
            </Table.Th>
            <Table.Td
              style={{ wordBreak: 'break-word' }}
              // The value as stored shows on hover, such as a UTC time.
              title={field.value === null ? undefined : String(field.value)}
            >
              {field.display ??
                formatCell(
                  field.value,
                  field.kind,
                  undefined,
                  field.name,
                  display,
                )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function DetailPanel({ storeId }: { storeId: string }) {
  const trail = useReview((s) => s.trail)
  const current = trail[trail.length - 1]
  if (!current) return null
  return (
    <RecordView
      key={`${current.entity}#${String(current.id)}`}
      storeId={storeId}
      record={current}
      canGoBack={trail.length > 1}
    />
  )
}

function RecordView({
  storeId,
  record,
  canGoBack,
}: {
  storeId: string
  record: OpenRecord
  canGoBack: boolean
}) {
  const back = useReview((s) => s.back)
  const close = useReview((s) => s.closeRecord)
  const [showRaw, setShowRaw] = useState(false)
  const [copied, setCopied] = useState('')
  const { value: detail, error } = useLoad<RecordDetail>(
    `${storeId}#${record.entity}#${String(record.id)}`,
    () =>
      unwrap(
        getApi().getRecordDetail({
          storeId,
          entity: record.entity,
          id: record.id,
        }),
      ),
  )

  const copyFields = () => {
    if (!detail) return
    const text = detail.fields
      .filter((f) => f.value !== null)
      .map(
        (f) =>
          `${f.label}\t${f.display ?? formatCell(f.value, f.kind, undefined, f.name, useReview.getState().display)}`,
      )
      .join('\n')
    void copyText(text).then((ok) =>
      setCopied(ok ? 'Fields copied' : 'Copy is not allowed here'),
    )
  }

  return (
    <Paper
      withBorder
      p="sm"
      h="100%"
      component="section"
      aria-label="Record detail"
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="xs">
          {canGoBack && (
            <Button variant="subtle" size="compact-sm" onClick={back}>
              Back
            </Button>
          )}
        </Group>
        <Button variant="subtle" size="compact-sm" onClick={close}>
          Close
        </Button>
      </Group>
      {error && (
        <Alert color="red" title="The record could not be opened">
          {error}
        </Alert>
      )}
      {!error && !detail && <Loader size="sm" />}
      {detail && (
        <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
          <Stack gap="sm">
            <div>
              <Text size="xs" fw={700} tt="uppercase">
                {detail.entityLabel}
              </Text>
              <Title order={3} size="h4" mt={4}>
                {detail.title}
              </Title>
            </div>
            {detail.links.length > 0 && (
              <Group gap="xs">
                {detail.links.map((link) => (
                  <Group gap={4} key={`${link.entity}-${link.id}`}>
                    <Text size="sm">{link.label}:</Text>
                    <LinkButton link={link} />
                  </Group>
                ))}
              </Group>
            )}
            {detail.sections.map((section) => (
              <Stack gap={4} key={section.key}>
                <Title order={4} size="h6">
                  {section.label} ({sectionCount(section)})
                </Title>
                <SectionTable section={section} />
              </Stack>
            ))}
            {detail.entity === 'products' && typeof detail.id === 'number' && (
              <Stack gap={4}>
                <Title order={4} size="h6">
                  Image files
                </Title>
                <Images storeId={storeId} productId={detail.id} />
              </Stack>
            )}
            <Title order={4} size="h6">
              Fields
            </Title>
            <Fields detail={detail} />
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={copyFields}>
                Copy fields
              </Button>
              <Button
                variant="default"
                size="xs"
                onClick={() => setShowRaw((v) => !v)}
                aria-expanded={showRaw}
              >
                {showRaw ? 'Hide raw JSON' : 'Show raw JSON'}
              </Button>
              <Text size="xs" aria-live="polite">
                {copied}
              </Text>
            </Group>
            {showRaw && (
              <RawJson
                storeId={storeId}
                entity={detail.entity}
                id={detail.id}
              />
            )}
          </Stack>
        </ScrollArea>
      )}
    </Paper>
  )
}
