import { Button, Group, List, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { getApi } from '../../../api/index.ts'
import { useWizard } from '../../state/wizard.ts'
import { runConnectionTest } from '../connection.ts'

/** Step 1: what the app does, what it needs, and the demo store shortcut. */
export function WelcomeStep() {
  const next = useWizard((state) => state.next)
  const [starting, setStarting] = useState(false)

  const tryDemo = async () => {
    setStarting(true)
    const wizard = useWizard.getState()
    const result = await getApi().startDemoStore({})
    if (!result.ok) {
      setStarting(false)
      wizard.setError(result.error)
      return
    }
    await wizard.refreshStores()
    wizard.chooseStore(result.value.id)
    wizard.finishTo('connect')
    await runConnectionTest(result.value.id)
    setStarting(false)
  }

  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>Welcome: let’s copy your store to this computer</Title>
      <Text>
        This app reads every product, customer, order and setting of your 3dcart
        (Shift4Shop) store and keeps a copy in one file on this computer. You
        can then look through it and export it for your new shop. Nothing is
        changed in your store.
      </Text>
      <Text>
        Everything stays on this computer: the app sends your data nowhere else,
        and your keys are stored only here.
      </Text>
      <Title order={2} size="h4">
        What you will need
      </Title>
      <List spacing="xs">
        <List.Item>The login to your store admin.</List.Item>
        <List.Item>
          A free account at the 3dcart developer portal (you can make one on the
          way).
        </List.Item>
        <List.Item>About 10 minutes to set up access.</List.Item>
      </List>
      <Text>
        The next three steps show you where to click to give this app read
        access. You copy three things along the way: a private key, your store’s
        secure address and a token.
      </Text>
      <Group mt="lg">
        <Button onClick={next}>Start setup</Button>
        <Button variant="default" onClick={tryDemo} loading={starting}>
          Try with the demo store
        </Button>
      </Group>
      <Text size="sm">
        The demo store is made-up data built into this app, so you can see every
        step without connecting your own store.
      </Text>
    </Stack>
  )
}
