import { Title } from '@mantine/core'

// NOTE: placeholder until the export screens land.
export function ExportScreen() {
  return <Title order={1}>Export</Title>
}
