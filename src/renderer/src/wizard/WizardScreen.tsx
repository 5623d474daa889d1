import { Title } from '@mantine/core'

// NOTE: placeholder until the wizard screens land.
export function WizardScreen() {
  return <Title order={1}>Welcome</Title>
}
