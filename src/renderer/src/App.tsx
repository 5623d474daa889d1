import { AppShell, Group, MantineProvider, Tabs, Title } from '@mantine/core'
import { ExportScreen } from './export/ExportScreen.tsx'
import { ReviewScreen } from './review/ReviewScreen.tsx'
import { useNavigation, type Section } from './state/navigation.ts'
import { theme } from './theme.ts'
import { WizardScreen } from './wizard/WizardScreen.tsx'

function SectionTabs() {
  const section = useNavigation((state) => state.section)
  const go = useNavigation((state) => state.go)
  return (
    <Tabs
      value={section}
      onChange={(value) => value && go(value as Section)}
      variant="pills"
    >
      <Tabs.List aria-label="Sections">
        <Tabs.Tab value="wizard">Get my data</Tabs.Tab>
        <Tabs.Tab value="review">Review</Tabs.Tab>
        <Tabs.Tab value="export">Export</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  )
}

function CurrentSection() {
  const section = useNavigation((state) => state.section)
  if (section === 'review') return <ReviewScreen />
  if (section === 'export') return <ExportScreen />
  return <WizardScreen />
}

/** Root component: a header with the three sections, and the current one. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <AppShell header={{ height: 56 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={2} size="h4">
              3dcart Migration Wizard
            </Title>
            <SectionTabs />
          </Group>
        </AppShell.Header>
        <AppShell.Main>
          <CurrentSection />
        </AppShell.Main>
      </AppShell>
    </MantineProvider>
  )
}
