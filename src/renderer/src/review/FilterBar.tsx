/** Active column filters as removable pills, and a form to add one. */
import { useState } from 'react'
import {
  Button,
  Checkbox,
  ScrollArea,
  Group,
  MultiSelect,
  NumberInput,
  Pill,
  Popover,
  Select,
  Stack,
  TextInput,
} from '@mantine/core'
import type {
  ReviewColumn,
  ReviewFilter,
} from '../../../shared/review-query.ts'

export function describeFilter(
  filter: ReviewFilter,
  column: ReviewColumn | undefined,
): string {
  const label = column?.label ?? filter.column
  switch (filter.kind) {
    case 'text':
      return `${label} ${filter.op === 'equals' ? 'is' : 'contains'} "${filter.value}"`
    case 'number':
      return `${label} ${filter.min ?? '…'} to ${filter.max ?? '…'}`
    case 'date':
      return `${label} ${filter.from ?? '…'} to ${filter.to ?? '…'}`
    case 'in': {
      const names = filter.values.map(
        (v) =>
          column?.options?.find((o) => String(o.value) === String(v))?.label ??
          String(v),
      )
      return `${label}: ${names.join(', ')}`
    }
  }
}

interface FilterFormProps {
  columns: ReviewColumn[]
  onAdd(filter: ReviewFilter): void
}

function FilterForm({ columns, onAdd }: FilterFormProps) {
  const [columnName, setColumnName] = useState<string | null>(null)
  const [op, setOp] = useState<'contains' | 'equals'>('contains')
  const [text, setText] = useState('')
  const [min, setMin] = useState<string | number>('')
  const [max, setMax] = useState<string | number>('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [values, setValues] = useState<string[]>([])
  const column = columns.find((c) => c.name === columnName)

  const build = (): ReviewFilter | null => {
    if (!column) return null
    if (column.options) {
      if (values.length === 0) return null
      return {
        kind: 'in',
        column: column.name,
        values: values.map((v) => (Number.isNaN(Number(v)) ? v : Number(v))),
      }
    }
    if (column.kind === 'date') {
      if (!from && !to) return null
      return {
        kind: 'date',
        column: column.name,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }
    }
    if (column.kind === 'integer' || column.kind === 'decimal') {
      const low = typeof min === 'number' ? min : undefined
      const high = typeof max === 'number' ? max : undefined
      if (low === undefined && high === undefined) return null
      return {
        kind: 'number',
        column: column.name,
        ...(low !== undefined ? { min: low } : {}),
        ...(high !== undefined ? { max: high } : {}),
      }
    }
    if (column.kind === 'boolean') {
      if (values.length === 0) return null
      return { kind: 'in', column: column.name, values: values.map(Number) }
    }
    if (text.trim() === '') return null
    return { kind: 'text', column: column.name, op, value: text.trim() }
  }
  const filter = build()

  return (
    <Stack gap="xs" w={300}>
      <Select
        label="Column"
        placeholder="Choose a column"
        searchable
        data={columns
          .filter((c) => !c.name.endsWith('_raw'))
          .map((c) => ({ value: c.name, label: c.label }))}
        value={columnName}
        onChange={setColumnName}
        comboboxProps={{ withinPortal: false }}
      />
      {column?.options && (
        <Checkbox.Group label="Is one of" value={values} onChange={setValues}>
          <ScrollArea.Autosize mah={180} type="auto">
            <Stack gap={4} mt={4}>
              {column.options.map((option) => (
                <Checkbox
                  key={String(option.value)}
                  value={String(option.value)}
                  label={option.label}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Checkbox.Group>
      )}
      {column && !column.options && column.kind === 'boolean' && (
        <MultiSelect
          label="Is"
          data={[
            { value: '1', label: 'Yes' },
            { value: '0', label: 'No' },
          ]}
          value={values}
          onChange={setValues}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      {column && !column.options && column.kind === 'date' && (
        <Group grow>
          <TextInput
            type="date"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </Group>
      )}
      {column &&
        !column.options &&
        (column.kind === 'integer' || column.kind === 'decimal') && (
          <Group grow>
            <NumberInput label="Minimum" value={min} onChange={setMin} />
            <NumberInput label="Maximum" value={max} onChange={setMax} />
          </Group>
        )}
      {column && !column.options && column.kind === 'text' && (
        <>
          <Select
            label="Match"
            data={[
              { value: 'contains', label: 'Contains' },
              { value: 'equals', label: 'Is exactly' },
            ]}
            value={op}
            onChange={(value) =>
              setOp(value === 'equals' ? 'equals' : 'contains')
            }
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
          <TextInput
            label="Text"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </>
      )}
      <Button
        disabled={filter === null}
        onClick={() => filter && onAdd(filter)}
      >
        Apply filter
      </Button>
    </Stack>
  )
}

export interface FilterBarProps {
  columns: ReviewColumn[]
  filters: ReviewFilter[]
  onChange(filters: ReviewFilter[]): void
}

export function FilterBar({ columns, filters, onChange }: FilterBarProps) {
  const [opened, setOpened] = useState(false)
  return (
    <Group gap="xs">
      <Popover
        opened={opened}
        onChange={setOpened}
        trapFocus
        position="bottom-start"
        shadow="md"
      >
        <Popover.Target>
          <Button
            variant="default"
            size="xs"
            onClick={() => setOpened((o) => !o)}
          >
            Add filter
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <FilterForm
            columns={columns}
            onAdd={(filter) => {
              onChange([...filters, filter])
              setOpened(false)
            }}
          />
        </Popover.Dropdown>
      </Popover>
      <Pill.Group>
        {filters.map((filter, index) => {
          const text = describeFilter(
            filter,
            columns.find((c) => c.name === filter.column),
          )
          return (
            <Pill
              key={`${filter.column}-${index}`}
              withRemoveButton
              removeButtonProps={{ 'aria-label': `Remove filter ${text}` }}
              onRemove={() => onChange(filters.filter((_, i) => i !== index))}
            >
              {text}
            </Pill>
          )
        })}
      </Pill.Group>
      {filters.length > 1 && (
        <Button variant="subtle" size="xs" onClick={() => onChange([])}>
          Clear filters
        </Button>
      )}
    </Group>
  )
}
