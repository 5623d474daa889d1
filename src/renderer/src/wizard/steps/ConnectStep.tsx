import {
  Alert,
  Button,
  Group,
  List,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { getApi } from '../../../api/index.ts'
import type {
  FieldNote,
  StoreSummary,
} from '../../../../shared/ipc/channels/wizard.ts'
import { useWizard } from '../../state/wizard.ts'
import { runConnectionTest } from '../connection.ts'
import { ConnectionResultPanel } from '../ConnectionResultPanel.tsx'
import { CredentialField } from '../CredentialField.tsx'
import { StepNav } from '../StepNav.tsx'

const NEW_STORE = 'new'

/** Connection problems that the credential fields can fix. */
const CREDENTIAL_PROBLEMS = new Set([
  'BAD_CREDENTIALS',
  'NOT_AUTHORIZED',
  'WRONG_HOST',
])

function describeStore(store: StoreSummary): string {
  if (store.demo) return `${store.label} (made-up data)`
  return store.label === store.host
    ? store.label
    : `${store.label} (${store.host})`
}

function StorePicker() {
  const stores = useWizard((state) => state.stores)
  const storeId = useWizard((state) => state.storeId)
  const chooseStore = useWizard((state) => state.chooseStore)
  if (stores.length === 0) return null
  return (
    <Radio.Group
      label="Which store?"
      value={storeId ?? NEW_STORE}
      onChange={(value) => chooseStore(value === NEW_STORE ? null : value)}
    >
      <Stack gap="xs" mt="xs">
        {stores.map((store) => (
          <Radio key={store.id} value={store.id} label={describeStore(store)} />
        ))}
        <Radio value={NEW_STORE} label="Connect a new store" />
      </Stack>
    </Radio.Group>
  )
}

function EncryptionNotice() {
  const available = useWizard((state) => state.encryptionAvailable)
  if (available) {
    return (
      <Text size="sm">
        Your key and token are saved encrypted on this computer and are never
        shown again.
      </Text>
    )
  }
  return (
    <Alert
      color="yellow"
      title="Keys are kept until the app closes"
      role="note"
    >
      This computer offers no encrypted storage to the app, so your key and
      token are kept only while the app is open. Next time you will paste them
      again; nothing is written to disk unencrypted.
    </Alert>
  )
}

function ProblemList({ problems }: { problems: FieldNote[] }) {
  if (problems.length === 0) return null
  return (
    <Alert color="red" title="Please check these fields" role="alert">
      <List size="sm">
        {problems.map((problem) => (
          <List.Item key={`${problem.field}-${problem.code}`}>
            {problem.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}

/** Step 5: check the three credentials, save them and test the store. */
export function ConnectStep() {
  const storeId = useWizard((state) => state.storeId)
  const stores = useWizard((state) => state.stores)
  const connection = useWizard((state) => state.connection)
  const [testing, setTesting] = useState(false)
  const [problems, setProblems] = useState<FieldNote[]>([])
  const [label, setLabel] = useState('')
  const [editing, setEditing] = useState(false)
  const chosen = stores.find((store) => store.id === storeId) ?? null
  // When the store rejects what was typed, the fields come back for a
  // saved store too.
  const typedWrong = CREDENTIAL_PROBLEMS.has(connection?.problem?.code ?? '')
  const needsCredentials =
    !chosen ||
    chosen.credentials === 'missing' ||
    (!chosen.demo && (editing || typedWrong))
  // Missing read access to some modules still lets the merchant copy the rest.
  const canContinue =
    connection !== null &&
    (connection.ok ||
      (connection.problem?.code === 'MISSING_SCOPE' &&
        connection.modules.some((m) => m.readable)))

  const test = async () => {
    setTesting(true)
    setProblems([])
    const wizard = useWizard.getState()
    wizard.setError(null)
    wizard.setConnection(null)
    let id = chosen?.id ?? null
    if (needsCredentials) {
      id = await saveDraft(id, label, setProblems)
    }
    if (id) await runConnectionTest(id)
    setTesting(false)
  }

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Connect to your store</Title>
      <StorePicker />
      {needsCredentials ? (
        <>
          <Text>
            Check the three things you copied, then test the connection.
          </Text>
          <CredentialField
            field="secureUrl"
            placeholder="https://yourstore.3dcartstores.com"
            description="From Settings › General › Store Settings in your store admin (step 3)."
          />
          <CredentialField
            field="privateKey"
            description="From your app’s page in the developer portal (step 2)."
          />
          <CredentialField
            field="token"
            description="From “Stores that are using this app” in the developer portal (step 4)."
          />
          <TextInput
            label="Name for this store (optional)"
            description="Shown in this app only, for example “Main shop”."
            value={label}
            onChange={(event) => setLabel(event.currentTarget.value)}
          />
          <EncryptionNotice />
        </>
      ) : (
        <Text>
          {chosen.demo
            ? 'The demo store runs inside this app. It answers faster than a real store: real stores are limited to 2 requests per second.'
            : `The key and token of ${chosen.label} are saved. Test the connection to see what the app can read.`}{' '}
          {!chosen.demo && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setEditing(true)}
            >
              Change the key and token
            </Button>
          )}
        </Text>
      )}
      <ProblemList problems={problems} />
      <Group>
        <Button onClick={() => void test()} loading={testing}>
          Test connection
        </Button>
        {chosen && (
          <Button
            variant="subtle"
            color="red"
            onClick={() => void removeStore(chosen.id)}
          >
            Remove {chosen.demo ? 'the demo store' : 'this store'} from the app
          </Button>
        )}
      </Group>
      {connection && (
        <ConnectionResultPanel
          result={connection}
          onRetry={() => void test()}
        />
      )}
      <StepNav
        nextLabel={
          canContinue && !connection.ok ? 'Continue without them' : 'Next'
        }
        nextDisabled={!canContinue || testing}
      />
    </Stack>
  )
}

/** Forgets a saved store and its key and token; its archive file stays. */
async function removeStore(storeId: string): Promise<void> {
  const wizard = useWizard.getState()
  const result = await getApi().removeStore({ storeId })
  if (!result.ok) {
    wizard.setError(result.error)
    return
  }
  wizard.chooseStore(null)
  await wizard.refreshStores()
}

/**
 * Checks the typed credentials and saves them. Returns the store id, or
 * null after listing the problems.
 */
async function saveDraft(
  storeId: string | null,
  label: string,
  setProblems: (problems: FieldNote[]) => void,
): Promise<string | null> {
  const wizard = useWizard.getState()
  const api = getApi()
  const check = await api.checkCredentials(wizard.draft)
  if (!check.ok) {
    wizard.setError(check.error)
    return null
  }
  if (check.value.problems.length > 0) {
    setProblems(check.value.problems)
    return null
  }
  const saved = await api.saveStore({
    ...wizard.draft,
    ...(storeId ? { storeId } : {}),
    ...(label.trim() ? { label: label.trim() } : {}),
  })
  if (!saved.ok) {
    wizard.setError(saved.error)
    return null
  }
  await wizard.refreshStores()
  if (wizard.storeId !== saved.value.id) wizard.chooseStore(saved.value.id)
  return saved.value.id
}
