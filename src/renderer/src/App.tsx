import { MantineProvider, Title, Text, Container } from '@mantine/core'
import { theme } from './theme.ts'

/** Root component; the wizard's steps mount here. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Container size="md" py="xl">
        <Title order={1}>Welcome</Title>
        <Text>
          Take all of your 3dcart / Shift4Shop store’s data home: products,
          customers, orders and more, kept on this computer.
        </Text>
      </Container>
    </MantineProvider>
  )
}
