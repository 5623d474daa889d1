import { Button, List, Stack, Text, Title } from '@mantine/core'
import tokenImage from '../../../../../assets/portal-token.svg'
import { CredentialField } from '../CredentialField.tsx'
import { Illustration } from '../Illustration.tsx'
import { DEVELOPER_PORTAL_URL, openInBrowser } from '../links.ts'
import { StepNav } from '../StepNav.tsx'

/** Step 4: copy the token the portal shows once the store authorized. */
export function TokenStep() {
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Find the token</Title>
      <Text>Authorizing made a token: the third and last thing to copy.</Text>
      <List type="ordered" spacing="sm">
        <List.Item>
          Go back to the developer portal and open your app’s page.
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
          Under <strong>Stores that are using this app</strong>, find your store
          and copy its <strong>token</strong>.
        </List.Item>
        <List.Item>Paste it below.</List.Item>
      </List>
      <Illustration
        src={tokenImage}
        alt="Drawing of the app page in the developer portal: the list “Stores that are using this app” with the store and its token."
      />
      <Text>
        No store in that list? Then the authorization did not finish: go back
        one step and click Authorize in your store admin again.
      </Text>
      <CredentialField
        field="token"
        description="Letters and digits from the Token column, next to your store."
      />
      <StepNav />
    </Stack>
  )
}
