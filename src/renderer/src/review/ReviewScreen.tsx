import { Title } from '@mantine/core'

// NOTE: placeholder until the review screens land.
export function ReviewScreen() {
  return <Title order={1}>Review</Title>
}
