/** A popover of checkboxes that chooses the grid's columns. */
import { Button, Checkbox, Popover, ScrollArea, Stack } from '@mantine/core'
import type { ReviewColumn } from '../../../shared/review-query.ts'

export interface ColumnChooserProps {
  columns: ReviewColumn[]
  visible: string[]
  onChange(visible: string[]): void
  onReset(): void
}

export function ColumnChooser({
  columns,
  visible,
  onChange,
  onReset,
}: ColumnChooserProps) {
  const toggle = (name: string, checked: boolean) => {
    const next = checked
      ? [...visible, name]
      : visible.filter((v) => v !== name)
    // Keep the catalogue's order, so columns do not jump around.
    onChange(columns.map((c) => c.name).filter((n) => next.includes(n)))
  }
  return (
    <Popover position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs">
          Columns ({visible.length})
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap={6} pr="sm" role="group" aria-label="Visible columns">
            {columns.map((column) => (
              <Checkbox
                key={column.name}
                label={column.label}
                checked={visible.includes(column.name)}
                disabled={visible.length === 1 && visible.includes(column.name)}
                onChange={(event) =>
                  toggle(column.name, event.currentTarget.checked)
                }
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="xs" mt="xs" onClick={onReset}>
          Default columns
        </Button>
      </Popover.Dropdown>
    </Popover>
  )
}
