import { Alert, Button, List, Stack, Text, Title } from '@mantine/core'
import addAppImage from '../../../../../assets/portal-add-app.svg'
import keysImage from '../../../../../assets/portal-keys.svg'
import permissionsImage from '../../../../../assets/portal-permissions.svg'
import { CredentialField } from '../CredentialField.tsx'
import { Illustration } from '../Illustration.tsx'
import { DEVELOPER_PORTAL_URL, openInBrowser } from '../links.ts'
import { StepNav } from '../StepNav.tsx'

/** Step 2: make an API application in the 3dcart developer portal. */
export function CreateAppStep() {
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Create the API app</Title>
      <Text>
        An “API app” is a key that lets this program read your store. You make
        it once, in the 3dcart developer portal.
      </Text>
      <List type="ordered" spacing="sm">
        <List.Item>
          Open the developer portal and sign up, or log in if you already have
          an account.
          <div>
            <Button
              variant="light"
              mt="xs"
              onClick={() => void openInBrowser(DEVELOPER_PORTAL_URL)}
            >
              Open the developer portal
            </Button>
          </div>
        </List.Item>
        <List.Item>
          Click <strong>Add New</strong> and name the app, for example{' '}
          <strong>migration</strong>.
        </List.Item>
        <List.Item>
          Give every module <strong>Read</strong> access, then click{' '}
          <strong>Create App</strong>.
        </List.Item>
        <List.Item>
          The app’s page shows a <strong>public key</strong> and a{' '}
          <strong>private key</strong>. Keep the public key for the next step,
          and paste the private key below.
        </List.Item>
      </List>
      <Alert variant="light" title="Read access is enough" role="note">
        An export only reads your store, so the app needs no Write access. Leave
        Write off: then nothing can change your store through this key.
      </Alert>
      <Illustration
        src={addAppImage}
        alt="Drawing of the developer portal: the Add New button, the app name field with “migration”, and the Create App button."
      />
      <Illustration
        src={permissionsImage}
        alt="Drawing of the permission list: Read ticked on every module, Write left empty."
      />
      <Illustration
        src={keysImage}
        alt="Drawing of the app page with the public key and the private key."
      />
      <CredentialField
        field="privateKey"
        description="32 letters and digits, shown as “Private Key” on the app’s page."
      />
      <StepNav />
    </Stack>
  )
}
