import { Button, List, Stack, Text, Title } from '@mantine/core'
import authorizeImage from '../../../../../assets/store-authorize.svg'
import { CredentialField, useFieldCheck } from '../CredentialField.tsx'
import { Illustration } from '../Illustration.tsx'
import { adminUrlFor, openInBrowser } from '../links.ts'
import { StepNav } from '../StepNav.tsx'
import { useWizard } from '../../state/wizard.ts'

/** Step 3: authorize the app in the store admin; enter the secure URL. */
export function AuthorizeStep() {
  const secureUrl = useWizard((state) => state.draft.secureUrl)
  const check = useFieldCheck('secureUrl', secureUrl)
  const adminUrl = check.normalized ? adminUrlFor(check.normalized) : null
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Authorize the app in your store</Title>
      <Text>
        Now tell your store that the app may read it. First enter your store’s
        secure URL, so this app can open your store admin for you.
      </Text>
      <CredentialField
        field="secureUrl"
        placeholder="https://yourstore.3dcartstores.com"
        description="Find it in your store admin under Settings › General › Store Settings, as “Secure URL”. It often ends in .3dcartstores.com and may differ from the address your customers use."
      />
      <List type="ordered" spacing="sm">
        <List.Item>
          Log in to your store admin.
          <div>
            <Button
              variant="light"
              mt="xs"
              disabled={!adminUrl}
              onClick={() => adminUrl && void openInBrowser(adminUrl)}
            >
              Open my store admin
            </Button>
          </div>
        </List.Item>
        <List.Item>
          Go to <strong>Modules</strong>, find <strong>REST API</strong> and
          click <strong>Add</strong>.
        </List.Item>
        <List.Item>
          Paste the <strong>public key</strong> from the developer portal and
          click <strong>Authorize</strong>.
        </List.Item>
      </List>
      <Illustration
        src={authorizeImage}
        alt="Drawing of the store admin: Modules in the menu, the REST API page with the Add button, the public key field and the Authorize button."
      />
      <StepNav />
    </Stack>
  )
}
